using System.Text.Json;
using CoachService.Core.Reading;
using CoachService.Core.Text;

namespace CoachService.Core.Tests.Reading;

public sealed class SafetyHeadTests : IDisposable
{
    private const int Dims = ContextualEncoder.Dimensions;
    private readonly string _directory = Directory.CreateTempSubdirectory("safety-head-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// A head of two units that copy the states' first two values; the threat logit is ten times the first unit's
    /// maximum over the tokens, and "none" has a bias of 3, so a message is a threat exactly when one of its tokens
    /// has a large first value.
    /// </summary>
    private string WriteHead(string encoderVersion = "enc", int outColumns = 4)
    {
        var tokenWeight = new float[2 * Dims];
        tokenWeight[0] = 1f;
        tokenWeight[Dims + 1] = 1f;
        var outWeight = new float[5 * outColumns];
        outWeight[1 * outColumns + 0] = 10f;
        var description = new
        {
            encoderVersion,
            classes = new[] { "none", "threat", "self_harm", "abuse", "control" },
            hidden = 2,
            tensors = new Dictionary<string, object>
            {
                ["token.weight"] = new { shape = new[] { 2, Dims }, values = tokenWeight },
                ["token.bias"] = new { shape = new[] { 2 }, values = new float[2] },
                ["out.weight"] = new { shape = new[] { 5, outColumns }, values = outWeight },
                ["out.bias"] = new { shape = new[] { 5 }, values = new[] { 3f, 0f, 0f, 0f, 0f } },
            },
        };
        string path = Path.Combine(_directory, SafetyHead.FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(description));
        return path;
    }

    private static float[] States(int tokens, int hot = -1)
    {
        var states = new float[tokens * Dims];
        for (int t = 0; t < tokens; t++)
        {
            states[t * Dims + 1] = 0.3f;
        }

        if (hot >= 0)
        {
            states[hot * Dims] = 2f;
        }

        return states;
    }

    [Fact]
    public void Probabilities_OneHotTokenAmongManyOrdinaryOnes_DecidesThroughTheMaximum()
    {
        var head = SafetyHead.Load(WriteHead());

        var ordinary = head.Probabilities(States(40), 40);
        var oneHot = head.Probabilities(States(40, hot: 23), 40);

        Assert.Equal(1f, ordinary.Sum(), 4);
        Assert.Equal(1f, oneHot.Sum(), 4);
        Assert.True(ordinary[0] > 0.5f, $"P(none) {ordinary[0]}");
        // GELU(2) is about 1.95, so the threat logit is about 19.5 against none's 3: one token among forty decides.
        Assert.True(oneHot[1] > 0.99f, $"P(threat) {oneHot[1]}");
    }

    [Fact]
    public void Load_TensorOfTheWrongShape_FailsNamingIt()
    {
        var ex = Assert.Throws<InvalidDataException>(() => SafetyHead.Load(WriteHead(outColumns: 3)));

        Assert.Contains("out.weight", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadIfPresent_NoFileIsNoHead_AndAHeadOfAnotherEncoderIsRefused()
    {
        Assert.Null(SafetyHead.LoadIfPresent(_directory, "enc"));

        WriteHead(encoderVersion: "older");

        var ex = Assert.Throws<InvalidDataException>(() => SafetyHead.LoadIfPresent(_directory, "enc"));
        Assert.Contains("older", ex.Message, StringComparison.Ordinal);
        Assert.Equal("older", SafetyHead.LoadIfPresent(_directory, "older")!.EncoderVersion);
    }

    [Fact]
    public void SharedReading_KeepsTheSafetyHeadsProbabilities()
    {
        float[] safety = [0.7f, 0.1f, 0.1f, 0.05f, 0.05f];
        var reading = new MessageReading("", [new SentenceReading(new TextSpan(0, 3), new float[Dims], 0.5f, new float[7], new float[15], 0, 1)], [new MessageToken(0, 0, 3)], [0.1f], new float[Dims], safety);

        var copy = SharedReadings.Deserialise(SharedReadings.Serialise(reading));

        Assert.Equal(safety, copy.Safety);
        Assert.Null(SharedReadings.Deserialise(SharedReadings.Serialise(reading with { Safety = null })).Safety);
    }
}
