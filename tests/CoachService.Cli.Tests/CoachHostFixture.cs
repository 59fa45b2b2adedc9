using CoachService.Cli;
using Microsoft.Extensions.Hosting;

namespace CoachService.Cli.Tests;

/// <summary>The command line's own host (<see cref="CoachCommand.BuildHost"/>), built and loaded once for the in-process tests.</summary>
public sealed class CoachHostFixture : IDisposable
{
    private readonly IHost _host = CoachCommand.BuildHost();

    /// <summary>Runs <c>coach</c> in this process with the given arguments and standard input, as a shell with pipes would.</summary>
    public async Task<CliResult> RunAsync(string[] args, string? stdin = null)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        using var input = new StringReader(stdin ?? "");

        int exit = await CoachCommand.RunAsync(args, input, output, error, stdinRedirected: true, colour: false, _host.Services);

        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public void Dispose() => _host.Dispose();
}

/// <summary>What a run of <c>coach</c> gave back.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);
