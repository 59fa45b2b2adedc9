using System.Net;
using System.Net.Http.Headers;

namespace CoachService.Api.Tests.RedTeam;

/// <summary>A request body that sends its first bytes and then waits (for the test to release it): a stalled upload.</summary>
internal sealed class StalledContent : HttpContent
{
    private readonly byte[] _prefix;
    private readonly Task _release;

    public StalledContent(byte[] prefix, Task release)
    {
        _prefix = prefix;
        _release = release;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_prefix);
        await stream.FlushAsync();
        await _release;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
