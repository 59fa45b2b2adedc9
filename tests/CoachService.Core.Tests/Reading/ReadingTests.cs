using CoachService.Core.Embeddings;
using CoachService.Core.Reading;
using Microsoft.Extensions.Time.Testing;

namespace CoachService.Core.Tests.Reading;

[Collection(DetectionModelsGroup.Name)]
public class ReadingTests(DetectionFixture models)
{
    [Fact]
    public void Read_Message_GivesEachSentenceItsTokensAndAUnitMessageVector()
    {
        const string text = "Thanks for dinner. You never help with the dishes though.";

        var reading = models.Reader.Read(text);

        Assert.Equal(2, reading.Sentences.Count);
        Assert.Equal(reading.Tokens.Count, reading.CueLogits.Length);
        Assert.Equal(reading.Tokens.Count, reading.Sentences.Sum(s => s.TokenCount));
        Assert.All(reading.Sentences, s => Assert.Equal(ContextualEncoder.Dimensions, s.Vector.Length));
        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(reading.Vector), 3);
        Assert.All(reading.Tokens, t => Assert.InRange(t.Offset + t.Length, 1, text.Length));
    }

    /// <summary>The fuzz test's find (seed aJ9m83Cq8gI3): unassigned and private-use characters outside the Basic Multilingual Plane.</summary>
    [Fact]
    public void Read_CharactersOutsideTheBasicPlane_TokensStayOnWholeCodePoints()
    {
        const string text = " \n \uFEFF just \U000FD36F \U0001FA4C \n \U0001F8E9 why can't you you \U0004A002 \U0001F302 \U0001F420 \u04E0\u6014 \u200D    \uFEFF ";

        var reading = models.Reader.Read(text);

        Assert.All(reading.Tokens, t =>
        {
            Assert.False(t.Offset > 0 && char.IsLowSurrogate(text[t.Offset]) && char.IsHighSurrogate(text[t.Offset - 1]), $"token starts inside a pair at {t.Offset}");
            int end = t.Offset + t.Length;
            Assert.False(end < text.Length && char.IsLowSurrogate(text[end]) && char.IsHighSurrogate(text[end - 1]), $"token ends inside a pair at {end}");
        });
    }

    [Fact]
    public void Read_SameSentenceInAnotherMessage_ReadsItDifferently()
    {
        const string sentence = "Every single night you leave the light on for me.";

        var alone = models.Reader.Read(sentence).Sentences[0].Vector;
        var inMessage = models.Reader.Read("I love coming home late to this house. " + sentence).Sentences[1].Vector;

        Assert.True(SentenceEmbedder.Cosine(alone, inMessage) < 0.999f, "a sentence's reading should depend on its neighbours");
    }

    [Fact]
    public void Read_MessageLongerThanOneWindow_ReadsEveryToken()
    {
        string text = string.Join(' ', Enumerable.Repeat("You never help with the dishes and I am tired of asking.", 40));

        var reading = models.Reader.Read(text);

        Assert.True(reading.Tokens.Count > ContextualEncoder.MaxWindowTokens);
        Assert.Equal(40, reading.Sentences.Count);
        Assert.All(reading.Sentences, s => Assert.True(s.TokenCount > 0));
    }

    [Fact]
    public void Read_AccentsLigaturesAndEmoji_KeepOffsetsInsideTheText()
    {
        const string text = "Café ﬁne naïve 🙄 ok. Ça va?";

        var reading = models.Reader.Read(text);

        Assert.All(reading.Tokens, t => Assert.True(t.Offset >= 0 && t.Offset + t.Length <= text.Length));
        Assert.Equal(2, reading.Sentences.Count);
    }

    [Fact]
    public void GetOrRead_SameTextFromAnotherClient_IsReadAgain()
    {
        using var cache = new ReadingCache(100);
        int reads = 0;
        MessageReading Read(string t)
        {
            reads++;
            return models.Reader.Read(t);
        }

        cache.GetOrRead("ip:10.0.0.1", "You never call.", Read);
        cache.GetOrRead("ip:10.0.0.1", "You never call.", Read);
        cache.GetOrRead("ip:10.0.0.2", "You never call.", Read);

        Assert.Equal(2, reads);
    }

    [Fact]
    public void GetOrRead_CachedEntry_KeepsNeitherTheTextNorItsTokenIds()
    {
        using var cache = new ReadingCache(100);
        const string text = "You never call me back when you say you will.";
        var fresh = cache.GetOrRead("ip:10.0.0.1", text, t => models.Reader.Read(t));

        var hit = cache.GetOrRead("ip:10.0.0.1", text, _ => throw new InvalidOperationException("should be cached"));

        Assert.Equal(text, hit.Text);
        Assert.All(hit.Tokens, t => Assert.Equal(0, t.Id));
        Assert.Equal(fresh.Tokens.Select(t => (t.Offset, t.Length)), hit.Tokens.Select(t => (t.Offset, t.Length)));
        Assert.Equal(models.Classifier.Classify(fresh), models.Classifier.Classify(hit));
        Assert.Equal(models.Classifier.Cues(fresh, 0), models.Classifier.Cues(hit, 0));
    }

    [Fact]
    public void GetOrRead_AfterTheLifetime_IsReadAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var cache = new ReadingCache(100, clock);
        int reads = 0;
        MessageReading Read(string t)
        {
            reads++;
            return models.Reader.Read(t);
        }

        cache.GetOrRead("ip:10.0.0.1", "You never call.", Read);
        clock.Advance(ReadingCache.Lifetime + TimeSpan.FromSeconds(1));
        cache.GetOrRead("ip:10.0.0.1", "You never call.", Read);

        Assert.Equal(2, reads);
    }

    [Fact]
    public void GetOrRead_CacheOff_ReadsEveryTime()
    {
        using var cache = new ReadingCache(0);
        int reads = 0;

        cache.GetOrRead(null, "Hi.", t => { reads++; return models.Reader.Read(t); });
        cache.GetOrRead(null, "Hi.", t => { reads++; return models.Reader.Read(t); });

        Assert.Equal(2, reads);
    }

    [Fact]
    public void Load_TruncatedWeightsFile_FailsNamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("coach-ft-");
        try
        {
            string path = Path.Combine(folder.FullName, FineTunedWeights.FileName);
            var bytes = File.ReadAllBytes(Path.Combine(DetectionFixture.ModelsDirectory, FineTunedWeights.FileName));
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

            var ex = Assert.Throws<InvalidDataException>(() => FineTunedWeights.Load(path));

            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            // Half the committed weights (several MB): left behind, every run of the suite would leave another copy.
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Analyze_LongMixedMessage_RunsTheEncoderOnce()
    {
        var encoder = models.Encoder;
        string text = "Thanks for picking up the kids. " + string.Join(' ', Enumerable.Repeat("You never help with the dishes and I'm tired of asking.", 30));
        long before = encoder.Passes;

        var analysis = models.Analyzer.Analyze(text, client: "test-one-pass");

        Assert.Equal(1, encoder.Passes - before);
        Assert.Equal(31, analysis.Sentences.Count);
        Assert.True(analysis.Reading.Tokens.Count > ContextualEncoder.MaxWindowTokens, "the message should need more than one window");
    }

    [Fact]
    public void ReadMany_SeveralMessagesInOneCall_ReadsEachAsItWouldBeReadAlone()
    {
        string[] texts = ["You never help with the dishes.", "Thanks for dinner. It was lovely, truly. See you at six!", "ur always on ur phone at dinner"];

        var together = models.Reader.ReadMany(texts);

        Assert.Equal(texts.Length, together.Count);
        for (int i = 0; i < texts.Length; i++)
        {
            var alone = models.Reader.Read(texts[i]);
            Assert.Equal(alone.Text, together[i].Text);
            Assert.Equal(alone.Sentences.Count, together[i].Sentences.Count);
            Assert.Equal(alone.Vector.Length, together[i].Vector.Length);
            Assert.All(alone.Vector.Zip(together[i].Vector), p => Assert.Equal(p.First, p.Second, 1e-4f));
            Assert.All(alone.CueLogits.Zip(together[i].CueLogits), p => Assert.Equal(p.First, p.Second, 1e-3f));
        }
    }
}
