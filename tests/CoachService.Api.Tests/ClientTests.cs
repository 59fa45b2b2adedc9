using System.Net;
using CoachService.Cli;
using CoachService.Client;
using CoachService.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

/// <summary>The typed client against the real app (in memory), and the CLI's --server mode against it on a real port.</summary>
[Collection(CoachApiGroup.Name)]
public class ClientTests(CoachApiHost host, ITestOutputHelper output)
{
    private readonly CoachApiFactory _factory = host.For(output);

    private CoachClient Client()
    {
        var services = new ServiceCollection();
        services.AddCoachClient(new Uri("http://localhost")).ConfigurePrimaryHttpMessageHandler(() => _factory.Server.CreateHandler());
        return services.BuildServiceProvider().GetRequiredService<CoachClient>();
    }

    [Fact]
    public async Task Client_CallsEveryKindOfEndpoint_WithTheSharedContracts()
    {
        var client = Client();

        var analysis = await client.AnalyzeAsync(new AnalyzeRequest("You never call me back.", ClientToken: "c-1"));
        var rewrite = await client.RewriteAsync(new RewriteRequest("You never call me back.", ["gentle"], false));
        var batch = await client.AnalyzeBatchAsync(new AnalyzeBatchRequest([new BatchItem("a", "Thanks for tonight, I loved it."), new BatchItem(null, "")]));
        var version = await client.VersionAsync();

        Assert.True(analysis.IsBlame);
        Assert.Equal("c-1", analysis.ClientToken);
        Assert.Equal(version.Model, analysis.ModelVersion);
        Assert.Equal("gentle", Assert.Single(rewrite.Rewrites).Style);
        Assert.False(batch.Items[0].Analysis!.IsBlame);
        Assert.Equal("text_empty", batch.Items[1].Error!.Code);
    }

    [Fact]
    public async Task Client_ProblemAnswer_ThrowsWithItsStableCode()
    {
        var ex = await Assert.ThrowsAsync<CoachApiException>(() => Client().AnalyzeAsync(new AnalyzeRequest("   ")));

        Assert.Equal(HttpStatusCode.BadRequest, ex.Status);
        Assert.Equal("text_empty", ex.Code);
    }

    [Fact]
    public async Task Cli_WithServer_PrintsWhatTheServiceAnswered()
    {
        using var kestrel = new CoachApiFactory(new() { Kestrel = true, Output = output });
        var address = kestrel.Start();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await CoachCommand.RunAsync(["--server", address.ToString(), "--no-questions", "You never call me back."], TextReader.Null, stdout, stderr, stdinRedirected: false, colour: false);

        Assert.True(exit == CoachCommand.Ok, stderr.ToString());
        Assert.Matches(@"\[[^\]]*never[^\]]*\]", stdout.ToString());
        Assert.Contains("Kinder ways to say it", stdout.ToString(), StringComparison.Ordinal);
    }
}
