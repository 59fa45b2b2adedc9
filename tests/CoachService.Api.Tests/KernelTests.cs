using CoachService.Core;
using CoachService.Core.Knowledge;
using CoachService.Core.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Xunit.Abstractions;

namespace CoachService.Api.Tests;

[Collection(CoachApiGroup.Name)]
public class KernelTests(CoachApiHost host, ITestOutputHelper output)
{
    private readonly CoachApiFactory _factory = host.For(output);

    [Fact]
    public void Kernel_RegisteredInDi_HasTheEmbeddedQuestionFunctionThePromptsAndNothingUnused()
    {
        var kernel = _factory.Services.GetRequiredService<Kernel>();

        Assert.Equal(["prompts", "reflection"], kernel.Plugins.Select(p => p.Name).Order());
        Assert.Contains(kernel.Plugins["reflection"], f => f.Name == "questions" && !string.IsNullOrEmpty(f.Description));
        Assert.Equal(["Reflect", "Rewrite"], kernel.Plugins["prompts"].Select(f => f.Name).Order());
        Assert.Contains(kernel.FunctionInvocationFilters, f => f is ReflectionGate);
    }

    [Fact]
    public async Task EmbeddedQuestions_WithoutTheSendersSituation_AsksNoStockQuestion()
    {
        var kernel = _factory.Services.GetRequiredService<Kernel>();
        var analysis = _factory.Services.GetRequiredService<MessageCoach>().Analyze("You never do the dishes and I'm sick of the mess.");

        var result = await kernel.InvokeAsync(
            "reflection", "questions", new KernelArguments { ["request"] = new ReflectionRequest(analysis.Reading.Vector, "chores", "the housework piles up on my side", 3) });

        // Blind raters found stock questions beside the point too often: without the sender's situation, none is asked.
        Assert.Empty(result.GetValue<IReadOnlyList<ReflectionQuestion>>()!);
    }

    [Fact]
    public async Task EmbeddedQuestions_WithTheSendersSituation_AreComposedFromItOnTheirSide()
    {
        var kernel = _factory.Services.GetRequiredService<Kernel>();
        var analysis = _factory.Services.GetRequiredService<MessageCoach>().Analyze("You never text back when you're out with the boys.");

        var result = await kernel.InvokeAsync("reflection", "questions", new KernelArguments
        {
            ["request"] = new ReflectionRequest(analysis.Reading.Vector, "phone", null, 3, Situation: "you don't text back while you're out with the boys"),
        });

        var questions = result.GetValue<IReadOnlyList<ReflectionQuestion>>()!;
        Assert.Equal(3, questions.Count);
        Assert.All(questions, q => Assert.StartsWith("When they don't text back while they're out with the boys, ", q.Text, StringComparison.Ordinal));
        // Patterns written for any complaint come before those for the concern; each question cites a section of its own.
        var patterns = _factory.Services.GetRequiredService<KnowledgeIndex>().Patterns;
        Assert.All(questions, q => Assert.Contains(patterns, p => p.Question.FitsAny
            && p.Article.Id == q.Citation.ArticleId && p.Section.Id == q.Citation.SectionId
            && q.Text.EndsWith(p.Text[(p.Text.IndexOf(", ", StringComparison.Ordinal) + 2)..], StringComparison.Ordinal)));
        Assert.Equal(3, questions.Select(q => (q.Citation.ArticleId, q.Citation.SectionId)).Distinct().Count());
        Assert.DoesNotContain(questions, q => q.Text.Contains("{situation}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gate_OnTheLlmFunction_KeepsOnlyCitedQuestionsAndLogsNoText()
    {
        const string Marker = "MARKER-7f3a";
        var library = _factory.Services.GetRequiredService<ArticleLibrary>();
        var index = _factory.Services.GetRequiredService<KnowledgeIndex>();
        var sections = index.Search(index.Patterns[0].Vector, 2);
        string allowed = SectionText.CitationId(sections[0].Article.Id, sections[0].Section.Id);
        string reply = $$"""
            {"questions":[
              {"text":"What would you most like your partner to understand about {{Marker}}?","citation":"{{allowed}}"},
              {"text":"Not a question {{Marker}}.","citation":"{{allowed}}"},
              {"text":"Which section is made up {{Marker}}?","citation":"made-up#nowhere"},
              {"text":"What would you most like your partner to understand about {{Marker}}?","citation":"{{allowed}}"}
            ]}
            """;
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var kernel = new Kernel();
        kernel.FunctionInvocationFilters.Add(new ReflectionGate(library, loggers.CreateLogger<ReflectionGate>()));
        kernel.Plugins.AddFromFunctions("prompts", [KernelFunctionFactory.CreateFromMethod((string message) => reply, "Reflect")]);

        var result = await kernel.InvokeAsync("prompts", "Reflect", new KernelArguments { ["message"] = Marker, [ReflectionGate.SectionsArgument] = sections });

        var kept = Assert.Single(result.GetValue<IReadOnlyList<ReflectionQuestion>>()!);
        Assert.Equal(sections[0].Section.Id, kept.Citation.SectionId);
        Assert.Contains(sections[0].Section.Paragraphs, p => p.StartsWith(kept.Citation.Excerpt, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("1 questions kept, 3 dropped", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Marker, StringComparison.Ordinal));
    }
}
