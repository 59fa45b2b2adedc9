using System.Text.Json;

namespace CoachService.Cli.Tests;

/// <summary>The command line in this process, with its own host loaded once (<see cref="CoachHostFixture"/>).</summary>
public class CoachCommandTests(CoachHostFixture coach) : IClassFixture<CoachHostFixture>
{
    [Fact]
    public async Task Run_MessageArgument_MarksTheWordsAndPrintsRewritesAndCitedQuestions()
    {
        var result = await coach.RunAsync(["Thanks for cooking. You never helped with the dishes last night."]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"\[[^\]\n]*never[^\]\n]*\]", result.Output);
        Assert.Contains("gentle: Thanks for cooking. I felt ", result.Output, StringComparison.Ordinal);
        Assert.Contains("brief: I felt ", result.Output, StringComparison.Ordinal);
        Assert.Contains("warm: ", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"1\. .+\?\n\s+from "".+"", .+ \([a-z-]+#[a-z-]+\)", result.Output);
        Assert.DoesNotContain("\u001b[", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MessageOnStandardInput_IsChecked()
    {
        var result = await coach.RunAsync(["--no-questions", "--styles", "brief"], stdin: "Typical. Late again for dinner with my parents.\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"\[[^\]\n]*(Typical|again)[^\]\n]*\]", result.Output);
        Assert.Contains("brief: I feel ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("gentle:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Something to think about", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_KindMessage_SaysNoBlameWasFound()
    {
        var result = await coach.RunAsync(["--no-questions", "You always make me laugh"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("didn't find blame", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Json_PrintsTheApiResponseShape()
    {
        var result = await coach.RunAsync(["--json", "--styles", "gentle", "You never call me back."]);

        Assert.Equal(0, result.ExitCode);
        var body = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(body.GetProperty("analysis").GetProperty("isBlame").GetBoolean());
        Assert.Equal("gentle", Assert.Single(body.GetProperty("rewrites").EnumerateArray()).GetProperty("style").GetString());
        Assert.Equal("template", body.GetProperty("engine").GetProperty("rewrite").GetString());
    }

    [Fact]
    public async Task Run_SafetyFlaggedMessage_PrintsHelpAndNoRewrite()
    {
        var result = await coach.RunAsync(["you'll regret this, I know where you are"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Please read this first", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Kinder ways to say it", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "   " }, null, "text_empty")]
    [InlineData(new string[0], "", "text_empty")]
    [InlineData(new[] { "--styles", "angry", "hi" }, null, "unknown style")]
    [InlineData(new[] { "--loud", "hi" }, null, "unknown option")]
    public async Task Run_BadInput_ExitsWithTwoAndSaysWhy(string[] args, string? stdin, string expected)
    {
        var result = await coach.RunAsync(args, stdin);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Run_TooLongMessage_ExitsWithTwo()
    {
        var result = await coach.RunAsync([new string('a', 5001)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("text_too_long", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_PrintsUsage()
    {
        var result = await coach.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("usage: coach", result.Output, StringComparison.Ordinal);
    }
}
