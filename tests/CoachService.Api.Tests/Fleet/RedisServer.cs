using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace CoachService.Api.Tests.Fleet;

/// <summary>
/// A real Debian redis-server on a free loopback port, with no persistence, for one test class. Without
/// redis-server the tests that need it are skipped with a message, unless COACH_REQUIRE_REDIS=1 (CI), which fails them.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private const string Binary = "/usr/bin/redis-server";
    private readonly string _folder = Directory.CreateTempSubdirectory("coach-redis-").FullName;
    private Process? _process;
    private ConnectionMultiplexer? _admin;

    /// <summary>Skips the calling test when redis-server is missing (fails it when COACH_REQUIRE_REDIS=1).</summary>
    public static void SkipUnlessInstalled()
    {
        if (File.Exists(Binary))
        {
            return;
        }

        const string Message = "redis-server is not installed (apt-get install -y redis-server); .ci/run installs it and sets COACH_REQUIRE_REDIS=1";
        Assert.False(Environment.GetEnvironmentVariable("COACH_REQUIRE_REDIS") == "1", Message);
        Skip.If(true, Message);
    }

    public int Port { get; private set; }

    /// <summary>The connection string the service takes (ConnectionStrings:Redis).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Start()
    {
        if (Port == 0)
        {
            Port = FreePort();
        }

        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (string arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!Answers())
        {
            Assert.False(_process.HasExited, "redis-server exited at start");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "redis-server did not answer within 10 s");
            Thread.Sleep(50);
        }

        _admin ??= ConnectionMultiplexer.Connect($"{ConnectionString},allowAdmin=true,abortConnect=false");
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Every key and every value (string, or each field and value of a hash) the server holds, as bytes.</summary>
    public List<(string Key, List<byte[]> Values)> Dump()
    {
        var db = _admin!.GetDatabase();
        var server = _admin.GetServer(_admin.GetEndPoints()[0]);
        var dump = new List<(string, List<byte[]>)>();
        foreach (var key in server.Keys(pattern: "*"))
        {
            var values = new List<byte[]>();
            switch (db.KeyType(key))
            {
                case RedisType.String:
                    values.Add((byte[])db.StringGet(key)!);
                    break;
                case RedisType.Hash:
                    foreach (var entry in db.HashGetAll(key))
                    {
                        values.Add((byte[])entry.Name!);
                        values.Add((byte[])entry.Value!);
                    }

                    break;
                default:
                    values.Add(System.Text.Encoding.UTF8.GetBytes("unexpected type " + db.KeyType(key)));
                    break;
            }

            dump.Add((key.ToString(), values));
        }

        return dump;
    }

    public void Dispose()
    {
        _admin?.Dispose();
        Kill();
        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[7];
            return stream.Read(buffer) > 0 && buffer[0] == (byte)'+';
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
