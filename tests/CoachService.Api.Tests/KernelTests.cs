using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace CoachService.Api.Tests;

[Collection(CoachApiGroup.Name)]
public class KernelTests(CoachApiFactory factory)
{
    [Fact]
    public void Kernel_RegisteredInDi_HasTheArticleBlameAndPromptPlugins()
    {
        var kernel = factory.Services.GetRequiredService<Kernel>();

        Assert.Contains(kernel.Plugins["articles"], f => f.Name == "search" && !string.IsNullOrEmpty(f.Description));
        Assert.Contains(kernel.Plugins["blame"], f => f.Name == "analyze" && !string.IsNullOrEmpty(f.Description));
        Assert.Equal(["Reflect", "Rewrite"], kernel.Plugins["prompts"].Select(f => f.Name).Order());
    }

    [Fact]
    public async Task ArticleSearch_InvokedThroughTheKernel_ReturnsCitableSections()
    {
        var kernel = factory.Services.GetRequiredService<Kernel>();

        var result = await kernel.InvokeAsync("articles", "search", new KernelArguments { ["query"] = "he is on his phone all through dinner", ["top"] = 2 });

        string text = result.GetValue<string>()!;
        Assert.Matches(@"^\[[a-z-]+#[a-z-]+\] ", text);
        Assert.Equal(2, text.Split("\n\n").Length);
    }

    [Fact]
    public async Task BlameAnalysis_InvokedThroughTheKernel_NamesTheWords()
    {
        var kernel = factory.Services.GetRequiredService<Kernel>();

        var result = await kernel.InvokeAsync("blame", "analyze", new KernelArguments { ["message"] = "You never help with the dishes." });

        Assert.Contains("\"isBlame\":true", result.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("never", result.GetValue<string>(), StringComparison.Ordinal);
    }
}
