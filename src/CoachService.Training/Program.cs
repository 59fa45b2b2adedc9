using CoachService.Core.Embeddings;
using CoachService.Core.Knowledge;
using CoachService.Training;
using Microsoft.ML;

// Trains the models from models/data and writes them, with their model card, to models/:
//   dotnet run --project src/CoachService.Training
// Evaluates the rewriter on models/eval/rewrite-messages.jsonl and writes models/eval/REWRITE_REPORT.md:
//   dotnet run --project src/CoachService.Training -- rewrite-report [--seed N]
// Re-embeds the articles in seeds/ into models/knowledge-index.bin (also done by train):
//   dotnet run --project src/CoachService.Training -- index
// Measures the article index on seeds/eval/ and writes models/eval/RETRIEVAL_REPORT.md:
//   dotnet run --project src/CoachService.Training -- retrieval-report
// Retrains only the blame, category and concern models, or only the safety model (both done by train):
//   dotnet run --project src/CoachService.Training -- blame
//   dotnet run --project src/CoachService.Training -- safety
string command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "train";
string repo = Option("--repo") is { } r ? Path.GetFullPath(r) : FindRepositoryRoot();
string modelsDirectory = Path.Combine(repo, "models");

var started = System.Diagnostics.Stopwatch.StartNew();
using var embedder = new SentenceEmbedder();
switch (command)
{
    case "train":
        var ml = new MLContext(seed: 20261128);
        TrainBlame(ml);
        TrainSafety(ml);
        BuildKnowledgeIndex();
        Console.WriteLine($"wrote models and MODEL_CARD.md to {modelsDirectory} in {started.Elapsed.TotalSeconds:F0} s");
        break;
    case "rewrite-report":
        int seed = Option("--seed") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 2026;
        string markdown = new RewriteReport(Console.Out).Run(repo, seed);
        string path = Path.Combine(modelsDirectory, "eval", "REWRITE_REPORT.md");
        File.WriteAllText(path, markdown);
        Console.WriteLine($"wrote {path} in {started.Elapsed.TotalSeconds:F0} s");
        break;
    case "retrieval-report":
        string retrieval = Path.Combine(modelsDirectory, "eval", "RETRIEVAL_REPORT.md");
        File.WriteAllText(retrieval, new RetrievalReport(embedder, Console.Out).Run(repo));
        Console.WriteLine($"wrote {retrieval}");
        break;
    case "safety":
        TrainSafety(new MLContext(seed: 20261128));
        break;
    case "blame":
        TrainBlame(new MLContext(seed: 20261128));
        break;
    case "index":
        BuildKnowledgeIndex();
        break;
    default:
        Console.Error.WriteLine("usage: CoachService.Training [train | blame | safety | rewrite-report [--seed N] | retrieval-report | index] [--repo PATH]");
        return 2;
}

return 0;

void TrainBlame(MLContext ml)
{
    var report = new BlameTrainer(ml, embedder, Console.Out).Train(Path.Combine(modelsDirectory, "data"), modelsDirectory);
    File.WriteAllText(Path.Combine(modelsDirectory, "MODEL_CARD.md"), ModelCard.Render(report));
    Console.WriteLine($"message F1 {report.TestMessagesCounts.F1:F3}, sentence F1 {report.TestSentenceCounts.F1:F3} on the test split");
}

void TrainSafety(MLContext ml)
{
    string card = new SafetyTrainer(ml, embedder, Console.Out).Train(Path.Combine(modelsDirectory, "data"), modelsDirectory);
    File.WriteAllText(Path.Combine(modelsDirectory, "SAFETY_MODEL_CARD.md"), card);
    Console.WriteLine("wrote the safety model and SAFETY_MODEL_CARD.md");
}

void BuildKnowledgeIndex()
{
    string path = Path.Combine(modelsDirectory, KnowledgeIndex.CacheFileName);
    File.Delete(path);
    _ = new KnowledgeIndex(ArticleLibrary.LoadDirectory(Path.Combine(repo, "seeds")), embedder, path);
    Console.WriteLine($"wrote {path}");
}

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "CoachService.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run from inside the repository, or pass --repo <path>.");
}
