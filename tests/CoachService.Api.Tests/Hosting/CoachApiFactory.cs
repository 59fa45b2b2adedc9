using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoachService.Api.Tests;

/// <summary>The real app, hosted in memory, with the committed models. Shared by the tests of one collection.</summary>
public sealed class CoachApiFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Coach:Limits:MaxTextLength", "1000");
        builder.UseSetting("Coach:Limits:MaxSentences", "20");

        // Every test request comes from one in-memory client; per-client limits have their own tests.
        builder.UseSetting("Coach:Clients:PermitsPerMinute", "1000000");
    }
}

[CollectionDefinition(Name)]
public sealed class CoachApiGroup : ICollectionFixture<CoachApiFactory>
{
    public const string Name = "Coach API";
}
