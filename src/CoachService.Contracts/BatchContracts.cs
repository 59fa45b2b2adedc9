namespace CoachService.Contracts;

/// <summary>One message of a batch: an optional id of the caller's (else its position, "0", "1", …) and the text.</summary>
public sealed record BatchItem(string? Id, string? Text);

/// <summary>The body of POST /v1/analyze/batch: up to <c>Coach:Limits:MaxBatchItems</c> messages, and options that apply to all.</summary>
public sealed record AnalyzeBatchRequest(
    IReadOnlyList<BatchItem>? Items, double? Threshold = null, IReadOnlyList<string>? Categories = null, IReadOnlyList<string>? DisabledRules = null, string? ClientToken = null)
    : IOptionsRequest;

/// <summary>The body of POST /v1/rewrite/batch: as the batch analysis, with the rewrite's styles and questions switch.</summary>
public sealed record RewriteBatchRequest(
    IReadOnlyList<BatchItem>? Items,
    IReadOnlyList<string>? Styles = null,
    bool? IncludeQuestions = null,
    double? Threshold = null,
    IReadOnlyList<string>? Categories = null,
    IReadOnlyList<string>? DisabledRules = null,
    string? ClientToken = null) : IOptionsRequest;

/// <summary>Why one item of a batch got no result: the same stable codes a single request would get.</summary>
public sealed record BatchItemError(string Code, string Detail);

/// <summary>One item's answer, in the order sent: its analysis, or its error (the others are answered anyway).</summary>
public sealed record AnalyzeBatchItem(string Id, AnalyzeResponse? Analysis, BatchItemError? Error);

public sealed record AnalyzeBatchResponse(IReadOnlyList<AnalyzeBatchItem> Items, string ModelVersion, string? ClientToken);

/// <summary>One item's answer, in the order sent: its rewrites (as POST /v1/rewrite answers), or its error.</summary>
public sealed record RewriteBatchItem(string Id, RewriteResponse? Result, BatchItemError? Error);

public sealed record RewriteBatchResponse(IReadOnlyList<RewriteBatchItem> Items, string ModelVersion, string RequestId, string? ClientToken);
