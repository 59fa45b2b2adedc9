using CoachService.Core.Embeddings;

namespace CoachService.Core.Knowledge;

/// <summary>A section that matched a query, with its similarity score (see <see cref="KnowledgeIndex"/>) and its paragraph closest to the query.</summary>
public sealed record SectionMatch(Article Article, ArticleSection Section, float Similarity, string BestParagraph);

/// <summary>A reflective question written for a section, with its embedding.</summary>
public sealed record IndexedQuestion(Article Article, ArticleSection Section, string Text, float[] Vector);

/// <summary>
/// An in-process vector index over the article sections, embedded once when the index is built. A section's
/// score is the mean of three cosine similarities to the query: its best chunk (heading with title, each
/// paragraph, the reflective questions together); its prototype, the mean of its "sounds like" lines and
/// questions (its voices, phrased the way people describe their own situation); and the mean of its
/// <see cref="ClosestVoices"/> voices closest to the query. Chosen among variants on the development queries in
/// <c>seeds/eval/</c>; the figures are in <c>models/eval/RETRIEVAL_REPORT.md</c>.
/// </summary>
public sealed class KnowledgeIndex
{
    private readonly SentenceEmbedder _embedder;
    private readonly List<(Article Article, ArticleSection Section, string? Paragraph, float[] Vector)> _chunks = [];
    private readonly Dictionary<(string Article, string Section), float[]> _prototypes = [];
    private readonly Dictionary<(string Article, string Section), float[][]> _voices = [];

    /// <summary>How many of a section's voices, the closest to the query, make up the third part of its score.</summary>
    public const int ClosestVoices = 2;

    public const string CacheFileName = "knowledge-index.bin";

    /// <param name="library">The articles to index.</param>
    /// <param name="embedder">The sentence encoder.</param>
    /// <param name="cachePath">Where the embeddings are cached by content hash; null to embed every time.</param>
    public KnowledgeIndex(ArticleLibrary library, SentenceEmbedder embedder, string? cachePath)
    {
        ArgumentNullException.ThrowIfNull(library);
        _embedder = embedder;
        Library = library;
        var chunks = new List<(Article Article, ArticleSection Section, string Text, string? Paragraph)>();
        var questions = new List<(Article Article, ArticleSection Section, string Text)>();
        var soundsLike = new List<(Article Article, ArticleSection Section, string Text)>();
        foreach (var article in library.Articles)
        {
            foreach (var section in article.Sections)
            {
                // Each paragraph carries its heading and article title: measured on seeds/eval, this finds the
                // right section more often than bare paragraphs.
                chunks.Add((article, section, $"{section.Heading}. {article.Title}.", null));
                chunks.AddRange(section.Paragraphs.Select(p => (article, section, $"{section.Heading} ({article.Title}): {p}", (string?)p)));
                chunks.Add((article, section, string.Join(' ', section.Questions), null));
                questions.AddRange(section.Questions.Select(q => (article, section, q)));
                soundsLike.AddRange(section.SoundsLike.Select(line => (article, section, line)));
            }
        }

        Texts = [.. chunks.Select(c => c.Text), .. questions.Select(q => q.Text), .. soundsLike.Select(l => l.Text)];
        var vectors = EmbeddingCache.GetOrCreate(cachePath, Texts, t => embedder.Embed(t));
        for (int i = 0; i < chunks.Count; i++)
        {
            _chunks.Add((chunks[i].Article, chunks[i].Section, chunks[i].Paragraph, vectors[i]));
        }

        Questions = questions.Select((q, i) => new IndexedQuestion(q.Article, q.Section, q.Text, vectors[chunks.Count + i])).ToList();
        var voices = questions.Concat(soundsLike).Select((v, i) => (v.Article, v.Section, Vector: vectors[chunks.Count + i]));
        foreach (var group in voices.GroupBy(v => (v.Article.Id, v.Section.Id)))
        {
            _voices[group.Key] = group.Select(v => v.Vector).ToArray();
            _prototypes[group.Key] = UnitMean(_voices[group.Key]);
        }
    }

    /// <summary>Every text the index embedded, in order (what its cache file is keyed on).</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Every reflective question of every section, embedded.</summary>
    public IReadOnlyList<IndexedQuestion> Questions { get; }

    public ArticleLibrary Library { get; }

    public IReadOnlyList<SectionMatch> Search(string query, int top, CancellationToken cancellationToken = default) =>
        Search(_embedder.Embed(query, cancellationToken), top);

    public IReadOnlyList<SectionMatch> Search(float[] queryVector, int top) =>
        _chunks
            .Select(c => (Chunk: c, Similarity: SentenceEmbedder.Cosine(queryVector, c.Vector)))
            .GroupBy(c => (c.Chunk.Article.Id, c.Chunk.Section.Id))
            .Select(g =>
            {
                var best = g.MaxBy(c => c.Similarity);
                var paragraph = g.Where(c => c.Chunk.Paragraph is not null).MaxBy(c => c.Similarity);
                float score = (best.Similarity + SentenceEmbedder.Cosine(queryVector, _prototypes[g.Key]) + ClosestVoicesSimilarity(queryVector, _voices[g.Key])) / 3;
                return new SectionMatch(best.Chunk.Article, best.Chunk.Section, score, paragraph.Chunk.Paragraph ?? best.Chunk.Section.Paragraphs[0]);
            })
            .OrderByDescending(m => m.Similarity)
            .Take(top)
            .ToList();

    private static float ClosestVoicesSimilarity(float[] queryVector, float[][] voices) =>
        voices.Select(v => SentenceEmbedder.Cosine(queryVector, v)).OrderDescending().Take(ClosestVoices).Average();

    private static float[] UnitMean(IReadOnlyList<float[]> vectors)
    {
        var mean = new float[SentenceEmbedder.Dimensions];
        foreach (var vector in vectors)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(mean, vector, mean);
        }

        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(mean);
        System.Numerics.Tensors.TensorPrimitives.Divide(mean, norm, mean);
        return mean;
    }
}
