using CoachService.Core.Embeddings;

namespace CoachService.Core.Knowledge;

/// <summary>A section that matched a query, with its score (the ranker's probability, or a similarity; see <see cref="KnowledgeIndex"/>) and its paragraph closest to the query.</summary>
public sealed record SectionMatch(Article Article, ArticleSection Section, float Score, string BestParagraph);

/// <summary>
/// A reflective question written for a section, with its embedding and its hubness: the mean similarity of the
/// question to the <see cref="KnowledgeIndex.HubNeighbours"/> "sounds like" lines (what people say, across every
/// section) closest to it. A question close to everything would otherwise be the nearest to most messages.
/// </summary>
public sealed record IndexedQuestion(Article Article, ArticleSection Section, ArticleQuestion Question, float[] Vector, float Hubness)
{
    /// <summary>How well the question fits a message, relative to how well it fits messages in general.</summary>
    public float Fit(float[] messageVector) => SentenceEmbedder.Cosine(messageVector, Vector) - Hubness;

    public string Text => Question.Text;
}

/// <summary>
/// An in-process vector index over the article sections, embedded once when the index is built. Sections are ranked
/// by the <see cref="SectionRanker"/>, a model trained on these articles' texts and the development queries, which
/// gives each section's probability for the query. For articles it was not trained on (another seeds folder), a
/// section scores by similarity instead: the mean of three cosine similarities to the query, its best chunk (heading
/// with title, each paragraph, the reflective questions together), its prototype (the mean of its "sounds like" lines
/// and questions, its voices, phrased the way people describe their own situation) and the mean of its
/// <see cref="ClosestVoices"/> voices closest to the query. Both were chosen on the development queries in
/// <c>seeds/eval/</c>; the figures are in <c>models/eval/RETRIEVAL_REPORT.md</c>.
/// </summary>
public sealed class KnowledgeIndex
{
    private readonly SentenceEmbedder _embedder;
    private readonly List<IndexedSection> _sections = [];
    private readonly SectionRanker? _ranker;

    public const string CacheFileName = "knowledge-index.bin";

    /// <summary>How many of a section's voices, the closest to the query, make up the third part of its score.</summary>
    public const int ClosestVoices = 2;

    /// <summary>A section's embedded chunks (with the paragraph each stands for, if any), its voices and their prototype.</summary>
    private sealed record IndexedSection(Article Article, ArticleSection Section, (string? Paragraph, float[] Vector)[] Chunks, float[][] Voices, float[] Prototype);

    /// <param name="library">The articles to index.</param>
    /// <param name="embedder">The sentence encoder.</param>
    /// <param name="cachePath">Where the embeddings are cached by content hash; null to embed every time.</param>
    /// <param name="ranker">The trained section ranker; used only if it was trained on these articles with this encoder.</param>
    public KnowledgeIndex(ArticleLibrary library, SentenceEmbedder embedder, string? cachePath, SectionRanker? ranker = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        _embedder = embedder;
        Library = library;
        var sections = library.Articles.SelectMany(a => a.Sections.Select(s => (Article: a, Section: s))).ToList();

        // Each paragraph carries its heading and article title: measured on seeds/eval, this finds the right
        // section more often than bare paragraphs. The cache file is keyed on these texts, in this order.
        var chunks = sections.Select(x => ChunkTexts(x.Article, x.Section)).ToList();
        Texts =
        [
            .. chunks.SelectMany(c => c.Select(t => t.Text)),
            .. sections.SelectMany(x => x.Section.Questions.Select(q => q.Text)),
            .. sections.SelectMany(x => x.Section.SoundsLike),
        ];
        ArticlesHash = EmbeddingCache.HashOf(Texts, embedder.Version);
        var vectors = EmbeddingCache.GetOrCreate(cachePath, Texts, embedder.Version, t => embedder.Embed(t));

        int next = 0;
        var chunkVectors = chunks.Select(c => c.Select(t => (t.Paragraph, vectors[next++])).ToArray()).ToList();
        var questionVectors = sections.Select(x => x.Section.Questions.Select(_ => vectors[next++]).ToArray()).ToList();
        var soundsLikeVectors = sections.Select(x => x.Section.SoundsLike.Select(_ => vectors[next++]).ToArray()).ToList();
        for (int i = 0; i < sections.Count; i++)
        {
            // A question pattern ("When {situation}, …?") is not something anyone says: it is not a voice.
            float[][] voices = [.. questionVectors[i].Where((_, j) => !sections[i].Section.Questions[j].IsPattern), .. soundsLikeVectors[i]];
            _sections.Add(new IndexedSection(sections[i].Article, sections[i].Section, chunkVectors[i], voices, UnitMean(voices)));
        }

        Examples = [.. _sections.SelectMany(s => s.Chunks.Select(c => c.Vector).Concat(s.Voices)
            .Select(v => (v, SectionText.CitationId(s.Article.Id, s.Section.Id))))];
        _ranker = ranker is not null && ranker.Info.ArticlesHash == ArticlesHash
            && _sections.All(s => ranker.Sections.Contains(SectionText.CitationId(s.Article.Id, s.Section.Id)))
            ? ranker
            : null;

        var voicesOfPeople = soundsLikeVectors.SelectMany(v => v).ToList();
        Patterns = [.. sections.SelectMany((x, i) => x.Section.Questions
            .Select((q, j) => (Question: q, Vector: questionVectors[i][j]))
            .Where(q => q.Question.IsPattern)
            .Select(q => new IndexedQuestion(x.Article, x.Section, q.Question, q.Vector, Hubness(q.Vector, voicesOfPeople))))];
    }

    /// <summary>How many of the closest "sounds like" lines make up a question's hubness.</summary>
    public const int HubNeighbours = 10;

    private static float Hubness(float[] question, IReadOnlyList<float[]> voices) =>
        voices.Select(v => SentenceEmbedder.Cosine(question, v)).OrderDescending().Take(HubNeighbours).Average();

    /// <summary>Every text the index embedded, in order (what its cache file is keyed on).</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>The hash of <see cref="Texts"/> and the encoder that embedded them: a ranker trained for another hash is not used.</summary>
    public string ArticlesHash { get; }

    /// <summary>Whether sections are ranked by the trained <see cref="SectionRanker"/> (else by similarity).</summary>
    public bool RankedByModel => _ranker is not null;

    /// <summary>The article texts' vectors, each with its section's citation id (chunks, questions and "sounds like" lines, not patterns): what the ranker learns sections from.</summary>
    public IReadOnlyList<(float[] Vector, string Section)> Examples { get; }

    /// <summary>The question patterns ("When {situation}, …?"), asked only with the sender's situation in the slot.</summary>
    public IReadOnlyList<IndexedQuestion> Patterns { get; }

    public ArticleLibrary Library { get; }

    public IReadOnlyList<SectionMatch> Search(string query, int top, CancellationToken cancellationToken = default) =>
        Search(_embedder.Embed(query, cancellationToken), top);

    public IReadOnlyList<SectionMatch> Search(float[] queryVector, int top)
    {
        var probabilities = _ranker?.Probabilities(queryVector);
        return _sections.Select(s => Match(s, queryVector, probabilities)).OrderByDescending(m => m.Score).Take(top).ToList();
    }

    /// <param name="section">The section.</param>
    /// <param name="queryVector">The query's vector.</param>
    /// <param name="probabilities">The ranker's probabilities, by citation id; null to score by similarity.</param>
    /// <summary>A section's paragraph closest to the query, to cite it by without ranking every section.</summary>
    public string BestParagraph(Article article, ArticleSection section, float[] queryVector)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(section);
        var indexed = _sections.Single(s => s.Article.Id == article.Id && s.Section.Id == section.Id);
        return Closest(indexed, queryVector).Paragraph ?? section.Paragraphs[0];
    }

    /// <summary>The section's best chunk similarity to the query, and its paragraph closest to it.</summary>
    private static (float Best, string? Paragraph) Closest(IndexedSection section, float[] queryVector)
    {
        float best = float.MinValue, bestParagraph = float.MinValue;
        string? paragraph = null;
        foreach (var (text, vector) in section.Chunks)
        {
            float similarity = SentenceEmbedder.Cosine(queryVector, vector);
            best = Math.Max(best, similarity);
            if (text is not null && similarity > bestParagraph)
            {
                (bestParagraph, paragraph) = (similarity, text);
            }
        }

        return (best, paragraph);
    }

    private static SectionMatch Match(IndexedSection section, float[] queryVector, IReadOnlyDictionary<string, float>? probabilities)
    {
        var (best, paragraph) = Closest(section, queryVector);

        float score;
        if (probabilities is not null)
        {
            score = probabilities[SectionText.CitationId(section.Article.Id, section.Section.Id)];
        }
        else if (section.Voices.Length == 0)
        {
            // Another seeds folder's section may have no "sounds like" lines and only question patterns: its chunks alone.
            score = best;
        }
        else
        {
            float closestVoices = section.Voices.Select(v => SentenceEmbedder.Cosine(queryVector, v)).OrderDescending().Take(ClosestVoices).Average();
            score = (best + SentenceEmbedder.Cosine(queryVector, section.Prototype) + closestVoices) / 3;
        }

        return new SectionMatch(section.Article, section.Section, score, paragraph ?? section.Section.Paragraphs[0]);
    }

    private static (string Text, string? Paragraph)[] ChunkTexts(Article article, ArticleSection section) =>
    [
        ($"{section.Heading}. {article.Title}.", null),
        .. section.Paragraphs.Select(p => ($"{section.Heading} ({article.Title}): {p}", (string?)p)),
        (string.Join(' ', section.Questions.Where(q => !q.IsPattern).Select(q => q.Text)), null),
    ];

    private static float[] UnitMean(IReadOnlyList<float[]> vectors)
    {
        var mean = new float[SentenceEmbedder.Dimensions];
        foreach (var vector in vectors)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(mean, vector, mean);
        }

        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(mean);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(mean, norm, mean);
        }

        return mean;
    }
}
