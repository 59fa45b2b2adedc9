using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoachService.Contracts;

/// <summary>
/// Source-generated System.Text.Json metadata for every request and response, with the web defaults (camelCase,
/// case-insensitive reading): the API, the CLI's JSON output and the typed client read and write them the same way.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AnalyzeRequest))]
[JsonSerializable(typeof(AnalyzeResponse))]
[JsonSerializable(typeof(RewriteRequest))]
[JsonSerializable(typeof(RewriteResponse))]
[JsonSerializable(typeof(ReflectRequest))]
[JsonSerializable(typeof(ReflectResponse))]
[JsonSerializable(typeof(AnalyzeBatchRequest))]
[JsonSerializable(typeof(AnalyzeBatchResponse))]
[JsonSerializable(typeof(RewriteBatchRequest))]
[JsonSerializable(typeof(RewriteBatchResponse))]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(FeedbackResponse))]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(MetaResponse))]
[JsonSerializable(typeof(IReadOnlyList<ArticleSummaryDto>))]
[JsonSerializable(typeof(ArticleDto))]
public sealed partial class CoachJsonContext : JsonSerializerContext;
