using System.Reflection;
using CoachService.Core.Detection;
using CoachService.Core.Knowledge;
using CoachService.Core.Safety;

namespace CoachService.Core;

/// <summary>
/// The versions of everything that shapes an answer, computed once at start-up: the service build, the blame
/// models (<see cref="BlameClassifier.Version"/>, which every analysis also carries), the data they were trained
/// on, the fine-tuned encoder, the safety model, the rewriter's learned checks (the clause checks and the rewrite check), the
/// article set and the model that ranks its sections.
/// </summary>
public sealed record ServiceVersions(string Service, string Model, string DataHash, string Encoder, string Safety, string Clauses, string Articles, string Sections)
{
    public static ServiceVersions From(BlameClassifier blame, SafetyClassifier safety, Rewriting.SituationModel clauses, ArticleLibrary articles, SectionRanker sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(blame);
        ArgumentNullException.ThrowIfNull(safety);
        ArgumentNullException.ThrowIfNull(clauses);
        ArgumentNullException.ThrowIfNull(articles);
        string service = typeof(ServiceVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return new ServiceVersions(service, blame.Version, blame.Info.DataHash, blame.Info.EncoderVersion, safety.Version, clauses.Version, articles.Version, sections.Version);
    }
}
