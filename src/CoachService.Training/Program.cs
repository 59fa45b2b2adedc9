using CoachService.Core.Embeddings;
using CoachService.Training;
using Microsoft.ML;

// Trains the models from models/data and writes them, with their model card, to models/.
// Usage: dotnet run --project src/CoachService.Training [-- --repo <path>]
string repo = args.Length == 2 && args[0] == "--repo" ? Path.GetFullPath(args[1]) : FindRepositoryRoot();
string modelsDirectory = Path.Combine(repo, "models");
string dataDirectory = Path.Combine(modelsDirectory, "data");

var started = System.Diagnostics.Stopwatch.StartNew();
var ml = new MLContext(seed: 20261128);
using var embedder = new SentenceEmbedder();
var report = new BlameTrainer(ml, embedder, Console.Out).Train(dataDirectory, modelsDirectory);
File.WriteAllText(Path.Combine(modelsDirectory, "MODEL_CARD.md"), ModelCard.Render(report));

Console.WriteLine($"message F1 {report.TestMessagesCounts.F1:F3}, sentence F1 {report.TestSentenceCounts.F1:F3} on the test split");
Console.WriteLine($"wrote models and MODEL_CARD.md to {modelsDirectory} in {started.Elapsed.TotalSeconds:F0} s");

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
