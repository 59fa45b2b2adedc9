using System.Security.Cryptography;
using System.Text;

namespace CoachService.Core.Embeddings;

/// <summary>
/// Embeddings of a fixed list of texts, saved to a file keyed by a hash of the texts, so the article index
/// need not be re-embedded at every start. A file whose hash does not match is ignored and rewritten.
/// </summary>
public static class EmbeddingCache
{
    private const string Magic = "CSEMB1";

    /// <param name="texts">The texts embedded.</param>
    /// <param name="encoderVersion">The encoder that embedded them: vectors from another encoder are stale.</param>
    public static string HashOf(IReadOnlyList<string> texts, string encoderVersion)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("all-MiniLM-L6-v2\0" + encoderVersion + "\0" + string.Join('\0', texts))));
    }

    /// <summary>Returns the cached vectors for <paramref name="texts"/>, embedding and saving them when the cache is missing or stale.</summary>
    public static float[][] GetOrCreate(string? path, IReadOnlyList<string> texts, string encoderVersion, Func<IReadOnlyList<string>, float[][]> embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        string hash = HashOf(texts, encoderVersion);
        if (path is not null && TryLoad(path, hash, texts.Count) is { } cached)
        {
            return cached;
        }

        var vectors = embed(texts);
        if (path is not null)
        {
            TrySave(path, hash, vectors);
        }

        return vectors;
    }

    /// <summary>Whether the file at <paramref name="path"/> holds the embeddings of exactly these texts.</summary>
    public static bool IsCurrent(string path, IReadOnlyList<string> texts, string encoderVersion) => TryLoad(path, HashOf(texts, encoderVersion), texts.Count) is not null;

    private static float[][]? TryLoad(string path, string hash, int count)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() != Magic || reader.ReadString() != hash || reader.ReadInt32() != count || reader.ReadInt32() != SentenceEmbedder.Dimensions)
            {
                return null;
            }

            var vectors = new float[count][];
            for (int i = 0; i < count; i++)
            {
                vectors[i] = new float[SentenceEmbedder.Dimensions];
                for (int j = 0; j < SentenceEmbedder.Dimensions; j++)
                {
                    vectors[i][j] = reader.ReadSingle();
                }
            }

            return vectors;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TrySave(string path, string hash, float[][] vectors)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            string temporary = path + ".tmp";
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(Magic);
                writer.Write(hash);
                writer.Write(vectors.Length);
                writer.Write(SentenceEmbedder.Dimensions);
                foreach (var value in vectors.SelectMany(v => v))
                {
                    writer.Write(value);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only install still works; it embeds at each start.
        }
    }
}
