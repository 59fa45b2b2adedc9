namespace CoachService.Cli.Tests;

/// <summary>The built program as a separate process, once: Program.cs, the real standard streams and the exit code.</summary>
public class CoachProcessTests
{
    [Fact]
    public async Task Process_MessageOnStandardInput_PrintsTheReportAndExitsWithZero()
    {
        var result = await CliProcess.RunAsync(["--no-questions", "--styles", "brief"], stdin: "Typical. Late again for dinner with my parents.\n");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches(@"\[[^\]\n]*(Typical|again)[^\]\n]*\]", result.Output);
        Assert.Contains("brief: I feel ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Output, StringComparison.Ordinal);
    }
}
