using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CoachService.Api.Tests.Fleet;

/// <summary>
/// The app published the way the Dockerfile publishes it, started from that folder as the image starts it
/// (<c>dotnet CoachService.Api.dll</c>, working directory the publish folder, port from ASPNETCORE_HTTP_PORTS):
/// it becomes ready, and writes nothing into its own folder (the image's root file system is read-only).
/// </summary>
public sealed class PublishedAppTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coach-publish-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Publish_AsTheDockerfileDoes_StartsReadyAndWritesNothingToItsFolder()
    {
        string dockerfile = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
        const string Publish = "dotnet publish src/CoachService.Api -c Release -o /app -nologo";
        Assert.Contains(Publish, dockerfile, StringComparison.Ordinal);
        string app = Path.Combine(_folder, "app");

        var (exit, output) = await RunAsync(RepositoryPaths.Root, ["publish", "src/CoachService.Api", "-c", "Release", "-o", app, "-nologo"], TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, output);
        Assert.True(File.Exists(Path.Combine(app, "models", "encoder-finetuned.bin")), "the models are not in the published folder");
        var before = Snapshot(app);

        int port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = app, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("CoachService.Api.dll");
        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            HttpStatusCode? ready = null;
            while (ready != HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                Assert.False(process.HasExited, $"the published app exited with {(process.HasExited ? process.ExitCode : 0)}");
                try
                {
                    using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                    ready = response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.Equal(HttpStatusCode.OK, ready);
            using var analyzed = await http.PostAsync(
                new Uri("/v1/analyze", UriKind.Relative), new StringContent("{\"text\":\"You never listen to me.\"}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, analyzed.StatusCode);
            Assert.Equal(before, Snapshot(app));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Every file under the folder with its size and time of last write.</summary>
    private static string Snapshot(string folder) => string.Join('\n', Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}"));

    private static async Task<(int Exit, string Output)> RunAsync(string directory, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild variables would point a nested build at the test run's own MSBuild.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
