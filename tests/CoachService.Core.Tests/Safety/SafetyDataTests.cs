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
    ];

    [Fact]
    public void Training_SharesNoMessageWithTheBlindFiles()
    {
        var training = Directory.GetFiles(SafetyData, "train*.jsonl").SelectMany(Texts).Select(Normalise).ToHashSet();

        var shared = BlindFolders.SelectMany(folder => Directory.GetFiles(folder, "*.jsonl")).SelectMany(Texts)
            .Count(text => training.Contains(Normalise(text)));

        // The count only: naming the messages would show a blind file's lines to whoever runs the tests.
        Assert.Equal(0, shared);
    }

    /// <summary>
    /// The rewrite panels' drafts that became training messages (train-panel-drafts.jsonl) never include panel 18,
    /// which is kept to measure false alarms on ordinary drafts, or panel 9, whose drafts are the blind detection split 4.
    /// </summary>
    [Fact]
    public void PanelDrafts_LeaveOutTheHeldOutPanels()
    {
        var drafts = Texts(Path.Combine(SafetyData, "train-panel-drafts.jsonl")).Select(Normalise).ToHashSet();
        var heldOut = new[] { "panel-18", "panel-9" }
            .SelectMany(panel => Directory.GetFiles(Path.Combine(RepositoryPaths.Models, "eval", panel), "panel-*.jsonl"))
            .SelectMany(Texts)
            .ToList();

        Assert.NotEmpty(heldOut);
        Assert.Equal(0, heldOut.Count(text => drafts.Contains(Normalise(text))));
    }

    /// <summary>The test file: at least 500 messages, half dangerous, at least 40 of each kind of hard negative.</summary>
    [Fact]
    public void RoundSeven_HasTheAgreedSizeAndHardNegatives()
    {
        var messages = Directory.GetFiles(BlindFolders[^1], "*.jsonl").SelectMany(file => JsonLines.Read<JsonElement>(file)).ToList();
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
