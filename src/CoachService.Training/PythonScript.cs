using System.Diagnostics;

namespace CoachService.Training;

/// <summary>Runs one of the trainer's torch scripts with Debian's python3 (python3-torch; README, "Train it"), passing its output to the log.</summary>
internal static class PythonScript
{
    public const string Python = "/usr/bin/python3";

    public static void Run(IReadOnlyList<string> arguments, TextWriter log, string script)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        while (process.StandardOutput.ReadLine() is { } line)
        {
            log.WriteLine(line);
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode} (is python3-torch installed? see the README).");
        }
    }
}
