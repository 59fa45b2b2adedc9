using System.Text.Json;
using CoachService.Core.Data;

namespace CoachService.Core.Tests.Safety;

/// <summary>The safety check's labelled files: the blind test files stay out of training, and the newest one has the size the issue asks for.</summary>
public class SafetyDataTests
{
    private static readonly string SafetyData = Path.Combine(RepositoryPaths.Data, "safety");

    /// <summary>Every blind file the safety check is measured on, written by writers who saw no repository file.</summary>
    private static readonly string[] BlindFolders =
    [
        Path.Combine(SafetyData, "test-round3"),
        Path.Combine(RepositoryPaths.Models, "eval", "safety-round4"),
        Path.Combine(RepositoryPaths.Models, "eval", "safety-round6"),
        Path.Combine(RepositoryPaths.Models, "eval", "safety-round7"),
        Path.Combine(RepositoryPaths.Models, "eval", "safety-round8"),
        Path.Combine(RepositoryPaths.Models, "eval", "safety-round9"),
        Path.Combine(RepositoryPaths.Models, "eval", "safety-round10"),
        Path.Combine(RepositoryPaths.Models, "eval", "safety-round11"),
        Path.Combine(RepositoryPaths.Models, "eval", "safety-round12"),
    ];

    /// <summary>The training files and those waiting to become training files (in models/data/safety/pending, and any in models/data/pending, outside the hashed safety folder).</summary>
    private static IEnumerable<string> TrainingAndWaitingFiles() =>
        Directory.GetFiles(SafetyData, "train*.jsonl")
            .Concat(Waiting(Path.Combine(SafetyData, "pending"), "*.jsonl"))
            .Concat(Waiting(Path.Combine(RepositoryPaths.Data, "pending"), "safety-*.jsonl"));

    /// <summary>The files waiting in a folder; none when the folder is gone (git keeps no empty folder once the last file there became training data).</summary>
    private static string[] Waiting(string folder, string pattern) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, pattern) : [];

    [Fact]
    public void Training_SharesNoMessageWithTheBlindFiles()
    {
        var training = TrainingAndWaitingFiles().SelectMany(Texts).Select(Normalise).ToHashSet();
        Assert.All(BlindFolders, folder => Assert.NotEmpty(Directory.GetFiles(folder, "*.jsonl")));

        var shared = BlindFolders.SelectMany(folder => Directory.GetFiles(folder, "*.jsonl")).SelectMany(Texts)
            .Count(text => training.Contains(Normalise(text)));

        // The count only: naming the messages would show a blind file's lines to whoever runs the tests.
        Assert.Equal(0, shared);
    }

    /// <summary>
    /// The rewrite panels' drafts that became training messages (train-panel-drafts.jsonl) never include panel 18,
    /// which is kept to measure false alarms on ordinary drafts, or panel 9, whose drafts come from the blind
    /// detection split 4 (test-blind-3), nor any message of the detector's test splits.
    /// </summary>
    [Theory]
    [InlineData("panel-18")]
    [InlineData("panel-9")]
    public void PanelDrafts_LeaveOutTheHeldOutPanels(string panel)
    {
        var drafts = Texts(Path.Combine(SafetyData, "train-panel-drafts.jsonl")).Select(Normalise).ToHashSet();
        var heldOut = Directory.GetFiles(Path.Combine(RepositoryPaths.Models, "eval", panel), "panel-*.jsonl").SelectMany(Texts).ToList();

        Assert.NotEmpty(heldOut);
        Assert.Equal(0, heldOut.Count(text => drafts.Contains(Normalise(text))));
    }

    [Fact]
    public void PanelDrafts_ShareNoMessageWithTheDetectorsTestSplits()
    {
        var drafts = Texts(Path.Combine(SafetyData, "train-panel-drafts.jsonl")).Select(Normalise).ToHashSet();
        var splits = Data.LabelledDataTests.BlindFolderNames.Prepend("test")
            .Select(split => LabelledDataSet.LoadDirectory(Path.Combine(RepositoryPaths.Data, split)))
            .ToList();

        Assert.All(splits, Assert.NotEmpty);
        Assert.Equal(0, splits.SelectMany(split => split).Count(m => drafts.Contains(Normalise(m.Text))));
    }

    /// <summary>Messages written as pairs (training and waiting files): each pair is one ordinary message and the same message made dangerous, and a pair id is used once.</summary>
    [Fact]
    public void Pairs_AreOneOrdinaryAndOneDangerousMessage()
    {
        var paired = TrainingAndWaitingFiles()
            .SelectMany(file => JsonLines.Read<JsonElement>(file))
            .Where(e => e.TryGetProperty("pair", out var pair) && pair.ValueKind == JsonValueKind.String)
            .GroupBy(e => e.GetProperty("pair").GetString()!)
            .ToList();

        Assert.True(paired.Count >= 1200, $"{paired.Count} pairs");
        Assert.All(paired, pair =>
        {
            Assert.Equal(2, pair.Count());
            Assert.Equal(["danger", "none"], pair.Select(e => e.GetProperty("level").GetString()).Order(StringComparer.Ordinal));
        });
    }

    /// <summary>The test file, round 8 (rounds 9 and 10 mix their groups differently): at least 500 messages, half dangerous, at least 40 of each kind of hard negative.</summary>
    [Fact]
    public void RoundEight_HasTheAgreedSizeAndHardNegatives()
    {
        var messages = Directory.GetFiles(Path.Combine(RepositoryPaths.Models, "eval", "safety-round8"), "*.jsonl").SelectMany(file => JsonLines.Read<JsonElement>(file)).ToList();
        var harmless = messages.Where(m => !m.GetProperty("harmful").GetBoolean()).ToList();

        Assert.True(messages.Count >= 500, $"{messages.Count} messages");
        Assert.Equal(messages.Count / 2, messages.Count - harmless.Count);
        string[] groups = ["heated_complaint", "hyperbole", "game_joke", "boundary", "calm_breakup", "past_dark_time", "news_or_story"];
        Assert.All(groups, g => Assert.True(harmless.Count(m => m.GetProperty("kind").GetString() == g) >= 40, g));
    }

    private static IEnumerable<string> Texts(string file) =>
        JsonLines.Read<JsonElement>(file).Select(e => e.GetProperty("text").GetString()!);

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
