using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Detection;
using CoachService.Core.Reading;
using CoachService.Core.Rewriting;

namespace CoachService.Training.FineTune;

/// <summary>
/// Writes the labelled messages as the fine-tuning script reads them: the tokens this service's tokenizer makes
/// (so training and serving see the same ids), which sentence each token belongs to, whether it lies inside an
/// annotated cue, and each sentence's labels. One JSON object a line.
/// </summary>
public static class EncoderData
{
    public static int Write(IReadOnlyList<LabelledMessage> messages, WordPieceTokenizer tokenizer, string path)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(tokenizer);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path);
        int written = 0;
        foreach (var message in messages)
        {
            var row = Row(message, tokenizer);
            if (row is null)
            {
                continue;
            }

            writer.WriteLine(JsonSerializer.Serialize(row));
            written++;
        }

        return written;
    }

    /// <summary>
    /// Appends messages known to blame as a whole, with no sentence labels (the blind drafts of the rewrite panels):
    /// each sentence's label is unknown (-1), the message's is blame, and no token's cue is known. The script learns
    /// from them that at least one sentence blames.
    /// </summary>
    public static int WriteBlamingMessages(IEnumerable<(string Id, string Text)> messages, WordPieceTokenizer tokenizer, string path)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(tokenizer);
        using var writer = new StreamWriter(path, append: true);
        int written = 0;
        foreach (var (id, text) in messages)
        {
            var tokens = tokenizer.Tokenize(text);
            var spans = Core.Text.SentenceSplitter.Split(text);
            if (tokens.Count == 0 || tokens.Count > ContextualEncoder.MaxWindowTokens - 2 || spans.Count == 0)
            {
                continue;
            }

            var starts = spans.Select(span => span.Offset).ToList();
            var sentenceOfToken = tokens.Select(t => SentenceOf(starts, t.Offset)).ToArray();
            var unknown = Enumerable.Repeat(-1, spans.Count).ToArray();
            writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["id"] = id,
                ["group"] = id,
                ["ids"] = tokens.Select(t => t.Id).ToArray(),
                ["sent"] = sentenceOfToken,
                ["cue"] = new int[tokens.Count],
                ["cue_known"] = false,
                ["message_blame"] = 1,
                ["blame"] = unknown,
                ["category"] = unknown,
                ["concern"] = unknown,
            }));
            written++;
        }

        return written;
    }

    private static Dictionary<string, object>? Row(LabelledMessage message, WordPieceTokenizer tokenizer)
    {
        string text = message.Text;
        var tokens = tokenizer.Tokenize(text);
        if (tokens.Count == 0 || tokens.Count > ContextualEncoder.MaxWindowTokens - 2)
        {
            return null;
        }

        var sentenceStarts = message.SentenceSpans().Select(span => span.Offset).ToList();
        var cueChars = message.CueChars();

        var sentenceOfToken = new int[tokens.Count];
        var cueOfToken = new int[tokens.Count];
        for (int t = 0; t < tokens.Count; t++)
        {
            int offset = tokens[t].Offset;
            sentenceOfToken[t] = SentenceOf(sentenceStarts, offset);
            bool inCue = false;
            for (int c = offset; c < offset + tokens[t].Length; c++)
            {
                inCue |= cueChars.Contains(c);
            }

            cueOfToken[t] = inCue ? 1 : 0;
        }

        return new Dictionary<string, object>
        {
            ["id"] = message.Id,
            ["group"] = message.Group,
            ["ids"] = tokens.Select(t => t.Id).ToArray(),
            ["sent"] = sentenceOfToken,
            ["cue"] = cueOfToken,
            ["blame"] = message.Sentences.Select(s => s.Blame ? 1 : 0).ToArray(),
            ["category"] = message.Sentences.Select(s => s.Blame ? IndexOf(BlameCategory.All, s.Category) : -1).ToArray(),
            ["concern"] = message.Sentences.Select(s => s.Blame ? IndexOf(Concern.All, s.Concern) : -1).ToArray(),
        };
    }

    /// <summary>The sentence a character offset lies in: the last sentence that starts at or before it.</summary>
    private static int SentenceOf(List<int> sentenceStarts, int offset)
    {
        int index = sentenceStarts.Count - 1;
        while (index > 0 && sentenceStarts[index] > offset)
        {
            index--;
        }

        return index;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string? label)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
