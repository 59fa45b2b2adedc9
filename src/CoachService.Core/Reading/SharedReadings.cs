using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CoachService.Core.Text;
using Microsoft.Extensions.Caching.Hybrid;

namespace CoachService.Core.Reading;

/// <summary>
/// The second level of the reading cache, shared by the replicas of a fleet (HybridCache over Redis), so a client
/// whose analyze and rewrite land on different replicas pays for one encoder pass. Only the API boundary uses it
/// (<see cref="ReadingCache.FetchSharedAsync"/>, <see cref="ReadingCache.ShareAsync"/>): the pipeline stays synchronous.
/// <para>
/// What Redis holds: a key that is an HMAC of the client and the text under the deployment's salt, and a value
/// sealed with AES-GCM under a second HMAC of the client and the text. The sealed reading is what the in-process
/// cache keeps (vectors, cue logits, token positions; no text and no token ids), but even that is not stored in
/// the clear, because sentence vectors can be partly inverted to words. Reading a value back needs the salt and the
/// text itself, so whoever can read Redis learns nothing about a message they do not already have. Entries expire
/// after a short time; HybridCache's own memory level is off, since <see cref="ReadingCache"/> is the first level.
/// </para>
/// </summary>
public sealed class SharedReadings
{
    private const byte FormatVersion = 2;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private readonly HybridCache _cache;
    private readonly byte[] _salt;
    private readonly HybridCacheEntryOptions _write;
    private readonly Func<bool> _available;
    private readonly string _models;

    /// <param name="cache">HybridCache with a distributed (Redis) level.</param>
    /// <param name="salt">The deployment's secret, the same on every replica.</param>
    /// <param name="lifetime">How long a shared reading stays.</param>
    /// <param name="available">Whether the shared level can be used now; when not, the caller counts and logs the fallback.</param>
    /// <param name="models">The versions of the models that made the readings: a replica running other models (during a
    /// rolling deploy) neither finds nor opens them, since a reading is only meaningful to the encoder that made it.</param>
    public SharedReadings(HybridCache cache, byte[] salt, TimeSpan lifetime, Func<bool> available, string models)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(models);
        _models = models;
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(available);
        ArgumentOutOfRangeException.ThrowIfLessThan(salt.Length, 16);
        _cache = cache;
        _salt = salt;
        _available = available;
        _write = new HybridCacheEntryOptions { Expiration = lifetime, Flags = HybridCacheEntryFlags.DisableLocalCache };
    }

    /// <summary>The text-free reading another replica (or this one) shared for this client and text, or null.</summary>
    public async Task<MessageReading?> GetAsync(string? client, string text, CancellationToken cancellationToken)
    {
        if (!_available())
        {
            return null;
        }

        var (id, seal) = Keys(client, text);
        byte[]? sealedReading = await _cache.GetOrCreateAsync(id, static _ => ValueTask.FromResult<byte[]?>(null), ReadOnly, cancellationToken: cancellationToken);
        var reading = sealedReading is null ? null : Open(sealedReading, seal, id);
        CoachMetrics.SharedCacheLookup(reading is not null);
        return reading;
    }

    /// <summary>Shares a text-free reading (see <see cref="ReadingCache"/>) for this client and text.</summary>
    public async Task SetAsync(string? client, string text, MessageReading reading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (!_available())
        {
            return;
        }

        var (id, seal) = Keys(client, text);
        await _cache.SetAsync(id, Seal(Serialise(reading), seal, id), _write, cancellationToken: cancellationToken);
    }

    /// <summary>The entry's name and the key that seals it: two HMACs of the client and the text under the salt.</summary>
    private (string Id, byte[] Seal) Keys(string? client, string text)
    {
        string message = _models + "\0" + (client ?? "") + "\0" + text;
        byte[] id = HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes("id\0" + message));
        byte[] seal = HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes("seal\0" + message));
        return ("reading:" + Base64Url.EncodeToString(id), seal);
    }

    private static byte[] Seal(byte[] plain, byte[] key, string id)
    {
        byte[] output = new byte[1 + NonceBytes + TagBytes + plain.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceBytes + TagBytes), output.AsSpan(1 + NonceBytes, TagBytes), Encoding.UTF8.GetBytes(id));
        return output;
    }

    /// <summary>The reading, or null when the entry is of another format or does not open (another salt, or altered).</summary>
    private static MessageReading? Open(byte[] sealedReading, byte[] key, string id)
    {
        if (sealedReading.Length < 1 + NonceBytes + TagBytes || sealedReading[0] != FormatVersion)
        {
            return null;
        }

        byte[] plain = new byte[sealedReading.Length - 1 - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedReading.AsSpan(1, NonceBytes), sealedReading.AsSpan(1 + NonceBytes + TagBytes), sealedReading.AsSpan(1 + NonceBytes, TagBytes), plain, Encoding.UTF8.GetBytes(id));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        // Sealed and keyed by the models' versions, a value that opens is one this code wrote; should it still not
        // parse, it is a miss, never a failed request.
        try
        {
            return Deserialise(plain);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>Everything of a reading but its text and token ids, which the in-process cache does not keep either.</summary>
    internal static byte[] Serialise(MessageReading reading)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(reading.Sentences.Count);
            foreach (var s in reading.Sentences)
            {
                writer.Write(s.Span.Offset);
                writer.Write(s.Span.Length);
                WriteFloats(writer, s.Vector);
                writer.Write(s.BlameLogit);
                WriteFloats(writer, s.Category);
                WriteFloats(writer, s.Concern);
                writer.Write(s.FirstToken);
                writer.Write(s.TokenCount);
            }

            writer.Write(reading.Tokens.Count);
            foreach (var t in reading.Tokens)
            {
                writer.Write(t.Offset);
                writer.Write(t.Length);
            }

            WriteFloats(writer, reading.CueLogits);
            WriteFloats(writer, reading.Vector);
            WriteFloats(writer, reading.Safety ?? []);
        }

        return stream.ToArray();
    }

    internal static MessageReading Deserialise(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
        var sentences = new SentenceReading[reader.ReadInt32()];
        for (int i = 0; i < sentences.Length; i++)
        {
            var span = new TextSpan(reader.ReadInt32(), reader.ReadInt32());
            var vector = ReadFloats(reader);
            float logit = reader.ReadSingle();
            var category = ReadFloats(reader);
            var concern = ReadFloats(reader);
            sentences[i] = new SentenceReading(span, vector, logit, category, concern, reader.ReadInt32(), reader.ReadInt32());
        }

        var tokens = new MessageToken[reader.ReadInt32()];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = new MessageToken(0, reader.ReadInt32(), reader.ReadInt32());
        }

        var cue = ReadFloats(reader);
        var messageVector = ReadFloats(reader);
        var safety = ReadFloats(reader);
        return new MessageReading("", sentences, tokens, cue, messageVector, safety.Length == 0 ? null : safety);
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (float v in values)
        {
            writer.Write(v);
        }
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        var values = new float[reader.ReadInt32()];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }
}
