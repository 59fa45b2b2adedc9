using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;
using CoachService.Core.Text;

namespace CoachService.Core.Reflection;

/// <summary>
/// The default question engine, with no key and no network: retrieves the sections closest to the message
/// (and its concern), then picks their written questions ranked by similarity, skipping near-duplicates.
/// </summary>
public sealed class ExtractiveReflector(KnowledgeIndex index, SentenceEmbedder embedder)
{
    public const int MaxQuestions = 3;
    private const int SectionsConsidered = 4;
    private const float NearDuplicate = 0.8f;
    private const int ExcerptLength = 240;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> _concernVectors = new(StringComparer.Ordinal);

    /// <summary>The sections a message retrieves; the LLM engine is given the same ones.</summary>
    /// <param name="messageVector">The message's vector from its reading: the message is not read again.</param>
    /// <param name="concernHint">The need behind the message in the catalog's words.</param>
    public IReadOnlyList<SectionMatch> Retrieve(float[] messageVector, string? concernHint) =>
        index.Search(QueryVector(messageVector, concernHint), SectionsConsidered);

    public IReadOnlyList<ReflectionQuestion> Questions(
        float[] messageVector, string? concernHint, int count = MaxQuestions, IReadOnlyCollection<string>? alreadyAsked = null, CancellationToken cancellationToken = default)
    {
        var query = QueryVector(messageVector, concernHint);
        var sections = index.Search(query, SectionsConsidered);
        var asked = alreadyAsked?.Select(q => embedder.Embed(q, cancellationToken)).ToList() ?? [];
        var candidates = index.Questions
            .Select(q => (Question: q, Match: sections.FirstOrDefault(s => s.Article.Id == q.Article.Id && s.Section.Id == q.Section.Id)))
            .Where(c => c.Match is not null)
            .Select(c => (c.Question, c.Match, Score: 0.5f * c.Match!.Similarity + 0.5f * SentenceEmbedder.Cosine(query, c.Question.Vector)))
            .OrderByDescending(c => c.Score);

        var picked = new List<(IndexedQuestion Question, SectionMatch Match)>();
        foreach (var (question, match, _) in candidates)
        {
            if (picked.Count >= count)
            {
                break;
            }

            bool sameSection = picked.Any(p => p.Question.Section == question.Section);
            bool duplicate = picked.Select(p => p.Question.Vector).Concat(asked).Any(v => SentenceEmbedder.Cosine(v, question.Vector) > NearDuplicate);
            if (!sameSection && !duplicate)
            {
                picked.Add((question, match!));
            }
        }

        return picked.Select(p => new ReflectionQuestion(p.Question.Text, Cite(p.Match))).ToList();
    }

    /// <summary>The citation for a retrieved section: its closest paragraph, trimmed at a sentence end.</summary>
    public static Citation Cite(SectionMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return new Citation(match.Article.Id, match.Article.Title, match.Section.Id, match.Section.Heading, Excerpt(match.BestParagraph));
    }

    private static string Excerpt(string paragraph)
    {
        if (paragraph.Length <= ExcerptLength)
        {
            return paragraph;
        }

        var sentences = SentenceSplitter.Split(paragraph);
        var end = sentences.LastOrDefault(s => s.End <= ExcerptLength);
        return end.Length > 0 ? paragraph[..end.End] : sentences[0].Slice(paragraph);
    }

    private float[] QueryVector(float[] vector, string? concernHint)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (string.IsNullOrWhiteSpace(concernHint))
        {
            return vector;
        }

        // The concern nudges retrieval towards the need behind the complaint without drowning the message.
        // Hints are the catalog's fixed phrases, never message text, so their vectors are kept.
        var concern = _concernVectors.GetOrAdd(concernHint, hint => embedder.Embed(hint));
        return vector.Zip(concern, (m, c) => 0.75f * m + 0.25f * c).ToArray();
    }
}
