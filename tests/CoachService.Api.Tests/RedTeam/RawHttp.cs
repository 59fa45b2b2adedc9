using System.Net.Sockets;
using System.Text;

namespace CoachService.Api.Tests.RedTeam;

/// <summary>One HTTP/1.1 exchange over a raw loopback socket, for requests HttpClient will not send.</summary>
internal static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>Sends the bytes as they are, then reads the response until the server closes or the length is reached.</summary>
    public static async Task<Response> SendAsync(Uri server, byte[] request, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, cts.Token);
        return await ReadResponseAsync(stream, cts.Token);
    }

    public static Task<Response> SendAsync(Uri server, string request, TimeSpan? timeout = null) =>
        SendAsync(server, Encoding.UTF8.GetBytes(request), timeout);

    public static async Task<Response> ReadResponseAsync(Stream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        int headEnd = -1;
        int? length = null;
        bool chunked = false;
        while (true)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
            if (headEnd < 0)
            {
                headEnd = IndexOf(received, "\r\n\r\n"u8);
                if (headEnd >= 0)
                {
                    var headLines = Encoding.ASCII.GetString(received.GetRange(0, headEnd).ToArray()).Split("\r\n");
                    chunked = headLines.Any(l => l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && l.Contains("chunked", StringComparison.OrdinalIgnoreCase));
                    var lengthLine = headLines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                    length = lengthLine is null ? null : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (headEnd >= 0 && length is { } l && received.Count >= headEnd + 4 + l)
            {
                break;
            }

            if (chunked && received.Count >= headEnd + 9 && IndexOf(received.GetRange(received.Count - 5, 5), "0\r\n\r\n"u8) == 0)
            {
                break;  // the last chunk: the server may keep the connection open after it
            }
        }

        if (headEnd < 0)
        {
            throw new IOException($"no HTTP response head in {received.Count} bytes");
        }

        var lines = Encoding.ASCII.GetString(received.GetRange(0, headEnd).ToArray()).Split("\r\n");
        int status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        string body = Encoding.UTF8.GetString(received.Skip(headEnd + 4).ToArray());
        if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        return new Response(status, headers, body);
    }

    private static string Unchunk(string chunked)
    {
        var result = new StringBuilder();
        int position = 0;
        while (position < chunked.Length)
        {
            int lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            int size = Convert.ToInt32(chunked[position..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            result.Append(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }

        return result.ToString();
    }

    private static int IndexOf(List<byte> haystack, ReadOnlySpan<byte> needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Count; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
