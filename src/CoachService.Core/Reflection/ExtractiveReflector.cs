using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;
using CoachService.Core.Rewriting;
using CoachService.Core.Text;

namespace CoachService.Core.Reflection;

/// <summary>
/// The default question engine, with no key and no network. It asks only questions the articles mark as the
/// sender's (their own feelings, needs and wishes, never the partner's side or the receiving end of a complaint),
/// composed from the sections' patterns with the sender's own situation in the slot ("When {situation}, …?"): those
/// written for any complaint first, then those for the message's concern, each group by how well it fits the message.
/// Without the sender's situation it asks nothing, rather than a stock question beside the point; nor when the
/// learned anchor check (<see cref="SituationModel.AnchorScore"/>) finds that questions on that situation would
/// likely put the sender off.
/// </summary>
public sealed class ExtractiveReflector(KnowledgeIndex index, SentenceEmbedder embedder, SituationModel clauses)
{
    public const int MaxQuestions = 3;
    private const int SectionsConsidered = 4;
    private const float NearDuplicate = 0.8f;
    private const int ExcerptLength = 240;

    // Stock questions (ones without the sender's situation in them) are no longer asked. Blind raters of panels 2 to 8
    // found composed questions relevant 91% of the time and stock ones 23%; after stock questions were limited to one,
    // close to the message (cosine 0.45), panel 11 (written and rated blind, read since) still found the lone stock
    // question relevant for 15 of 38 messages and off-putting for 9 of them (24%), against 93 of 102 composed questions
    // relevant and 10 off-putting. A question that misses the point tells the sender they were not heard, so the
    // engine now says that none fits (a one-off analysis of panel 11's ratings; measured afterwards on the blind panel 12,
    // models/eval/panel-12/QUESTION_PANEL.md: relevant 85% against 75%, off-putting 14% against 22%).

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
    /// <param name="vectorsOf">Reads the situation's vector for the anchor check, for a caller that caches readings per client; null reads it afresh.</param>
    /// <param name="cancellationToken">Cancels reading the situation and embedding the questions already asked and the composed ones compared with them.</param>
    public IReadOnlyList<ReflectionQuestion> Questions(
        float[] messageVector, string concern, string? concernHint, int count = MaxQuestions, IReadOnlyCollection<string>? alreadyAsked = null,
        string? situation = null, Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? vectorsOf = null, CancellationToken cancellationToken = default)
    {
        if (situation is null || count <= 0)
        {
            return [];
        }

        // The sender's own complaint, seen from their side. All three questions hang on this one clause, so a garbled or
        // beside-the-point clause spoils them all ("When they had one thing this week, …", "When they don't follow
        // rugby, …" for a complaint about €89 spent). On the question panels 12 to 25 such clauses were under a tenth of
        // those asked and gave most of the off-putting questions; the check learned from those ratings and from sets
        // rated for it (models/ANCHOR_MODEL_CARD.md). On the blind panel 26 it cut off-putting questions from 5.1% to
        // 3.9% and kept questions for 196 of 209 messages.
        string view = SendersView.Of(situation.TrimEnd('.', '!', '?', ' '));
        if (clauses.AnchorScore(view, messageVector, vectorsOf, cancellationToken) < clauses.AnchorInfo.Threshold)
        {
            return [];
        }

        var query = QueryVector(messageVector, concernHint);
        bool specific = concern != Concern.General && Concern.All.Contains(concern);
        var asked = alreadyAsked?.Select(q => embedder.Embed(q, cancellationToken)).ToList() ?? [];

        // The sender's view in the slots of the patterns that fit it: those written for any complaint first, then those
        // for the message's concern, each group by fit, one per section, none that repeats a question the LLM already asked. Any complaint's patterns come first because blind raters found them
        // relevant far more often: on panels 9 to 13 (rated blind, read since), 95% of 1,092 against 67% of 514 for the
        // concern's patterns ("what would a fair split look like to you?" asked of a partner eating the sender's lunch,
        // the concern read wrongly), and off-putting 12% against 16%.
        var patterns = index.Patterns
            .Where(q => q.Question.Side == QuestionSide.Sender && (q.Question.FitsAny || (specific && q.Question.Fits(concern))))
            .OrderBy(q => q.Question.FitsAny ? 0 : 1)
            .ThenByDescending(q => q.Fit(query));
        var composed = new List<ReflectionQuestion>();
        var sectionsUsed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            if (composed.Count >= count)
            {
                break;
            }

            string id = SectionText.CitationId(pattern.Article.Id, pattern.Section.Id);
            string text = pattern.Text.Replace(ArticleQuestion.SituationSlot, view, StringComparison.Ordinal);
            if (sectionsUsed.Contains(id))
            {
                continue;
            }

            if (asked.Count > 0)
            {
                var vector = embedder.Embed(text, cancellationToken);
                if (asked.Any(v => SentenceEmbedder.Cosine(v, vector) > NearDuplicate))
                {
                    continue;
                }
            }

            sectionsUsed.Add(id);
            composed.Add(new ReflectionQuestion(text, Cite(pattern.Article, pattern.Section, index.BestParagraph(pattern.Article, pattern.Section, query))));
        }

        return composed;
    }

    /// <summary>The citation for a retrieved section: its closest paragraph, trimmed at a sentence end.</summary>
    public static Citation Cite(SectionMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return Cite(match.Article, match.Section, match.BestParagraph);
    }

    private static Citation Cite(Article article, ArticleSection section, string paragraph) =>
        new(article.Id, article.Title, section.Id, section.Heading, Excerpt(paragraph));

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
