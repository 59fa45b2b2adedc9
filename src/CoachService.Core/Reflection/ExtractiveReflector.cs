using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;
using CoachService.Core.Rewriting;
using CoachService.Core.Text;

namespace CoachService.Core.Reflection;

/// <summary>
/// The default question engine, with no key and no network. It asks only questions the articles mark as the
/// sender's (their own feelings, needs and wishes, never the partner's side or the receiving end of a complaint).
/// With the sender's situation, it composes the questions from the sections' patterns ("When {situation}, …?").
/// Otherwise it asks at most one stock question, and only one close to the message: when the reading names a
/// specific concern, the questions written for that concern come first, then those of the sections closest to the
/// message, ranked by how well they fit the message beyond how well they fit messages in general
/// (<see cref="IndexedQuestion.Fit"/>), skipping near-duplicates. With none close enough, it asks nothing rather
/// than something beside the point.
/// </summary>
public sealed class ExtractiveReflector(KnowledgeIndex index, SentenceEmbedder embedder)
{
    public const int MaxQuestions = 3;
    private const int SectionsConsidered = 4;
    private const float NearDuplicate = 0.8f;
    private const int ExcerptLength = 240;

    // A stock question (one without the sender's situation in it) is asked only when no question could be composed,
    // only if it is close to the message itself, and only one. In the committed ratings of the blind panels 2 to 8
    // (models/eval/panel-2 to panel-8, read), questions composed with the sender's situation were relevant to the
    // message 91% of the time and stock ones 23%, and the stock ones with a cosine of at least 0.45 to the message were
    // relevant far more often than the rest; the threshold and the cap of one were chosen there (a one-off analysis,
    // not a command). Measured afterwards on panel 11, written blind and rated blind: 77% of questions relevant
    // against 39%, for 72 of 160 messages against 147 (models/eval/panel-11/QUESTION_PANEL.md).
    private const float StockSimilarity = 0.45f;
    private const int MaxStock = 1;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> _concernVectors = new(StringComparer.Ordinal);

    /// <summary>The sections a message retrieves; the LLM engine is given the same ones.</summary>
    /// <param name="messageVector">The message's vector from its reading: the message is not read again.</param>
    /// <param name="concernHint">The need behind the message in the catalog's words.</param>
    public IReadOnlyList<SectionMatch> Retrieve(float[] messageVector, string? concernHint) =>
        index.Search(QueryVector(messageVector, concernHint), SectionsConsidered);

    /// <param name="messageVector">The message's vector from its reading.</param>
    /// <param name="concern">The concern id the reading (or the rewrite) found; <see cref="Concern.General"/> when none is clear.</param>
    /// <param name="concernHint">The need behind the message in the catalog's words, to steer retrieval.</param>
    /// <param name="count">How many questions.</param>
    /// <param name="alreadyAsked">Questions already given (by the LLM), not to repeat.</param>
    /// <param name="situation">The sender's situation as the rewrite put it; with one, the questions are sections' patterns with it in the slot.</param>
    /// <param name="cancellationToken">Cancels embedding the questions already asked.</param>
    public IReadOnlyList<ReflectionQuestion> Questions(
        float[] messageVector, string concern, string? concernHint, int count = MaxQuestions, IReadOnlyCollection<string>? alreadyAsked = null,
        string? situation = null, CancellationToken cancellationToken = default)
    {
        var query = QueryVector(messageVector, concernHint);
        var sections = index.Search(query, int.MaxValue);
        var bySection = sections.ToDictionary(s => SectionText.CitationId(s.Article.Id, s.Section.Id), StringComparer.Ordinal);
        var closest = sections.Take(SectionsConsidered).Select(s => SectionText.CitationId(s.Article.Id, s.Section.Id)).ToHashSet(StringComparer.Ordinal);
        bool specific = concern != Concern.General && Concern.All.Contains(concern);
        var asked = alreadyAsked?.Select(q => embedder.Embed(q, cancellationToken)).ToList() ?? [];
        var candidates = index.Questions
            .Where(q => q.Question.Side == QuestionSide.Sender)
            .Select(q => (Question: q, Id: SectionText.CitationId(q.Article.Id, q.Section.Id)))
            .Select(c => (c.Question, Match: bySection[c.Id], Group: Group(c.Question, specific, concern, closest.Contains(c.Id))))
            .Where(c => c.Group >= 0 && SentenceEmbedder.Cosine(messageVector, c.Question.Vector) >= StockSimilarity)
            .OrderBy(c => c.Group)
            .ThenByDescending(c => c.Question.Fit(query));

        var composed = new List<ReflectionQuestion>();
        if (situation is not null && count > 0)
        {
            // The sender's own complaint, seen from their side, in the slots of the patterns that fit it: those written
            // for the message's concern first, then those for any complaint, each group by fit, one per section. Blind
            // raters found a question that names the sender's situation relevant nine times in ten, and a stock one
            // about one time in three, so a stock question only fills what the patterns cannot.
            string view = SendersView.Of(situation.TrimEnd('.', '!', '?', ' '));
            var patterns = index.Patterns
                .Where(q => q.Question.Side == QuestionSide.Sender && (q.Question.FitsAny || (specific && q.Question.Fits(concern))))
                .OrderBy(q => q.Question.FitsAny ? 1 : 0)
                .ThenByDescending(q => q.Fit(query));
            var sectionsUsed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pattern in patterns)
            {
                if (composed.Count >= count)
                {
                    break;
                }

                string id = SectionText.CitationId(pattern.Article.Id, pattern.Section.Id);
                if (!sectionsUsed.Add(id))
                {
                    continue;
                }

                composed.Add(new ReflectionQuestion(pattern.Text.Replace(ArticleQuestion.SituationSlot, view, StringComparison.Ordinal), Cite(bySection[id])));
            }

        }

        count = composed.Count > 0 ? 0 : Math.Min(count, MaxStock);
        if (count == 0)
        {
            return composed;
        }

        // One stock question at most (count is 1 here, and nothing was composed): the best that does not repeat one
        // the LLM already asked.
        foreach (var (question, match, _) in candidates)
        {
            if (!asked.Any(v => SentenceEmbedder.Cosine(v, question.Vector) > NearDuplicate))
            {
                return [new ReflectionQuestion(question.Text, Cite(match))];
            }
        }

        return [];
    }

    /// <summary>
    /// Which group a sender question falls in, or -1 to leave it out: with a specific concern, the questions
    /// written for it; then the questions of the sections closest to the message.
    /// </summary>
    private static int Group(IndexedQuestion question, bool specific, string concern, bool inClosestSection) =>
        specific && question.Question.Fits(concern) ? 0
        : inClosestSection ? 1
        : -1;

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
