using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CoachService.Api.Http;

/// <summary>
/// What the generated OpenAPI document cannot know from the endpoints: the optional <c>X-Api-Key</c> scheme, the
/// 401 and 429 answers the /v1 middleware gives every operation, tag descriptions, the licence, and a server URL
/// relative to the document. Checked by <c>redocly lint</c> (recommended rules) in the tests.
/// </summary>
public static class OpenApiSetup
{
    public const string ApiKeyScheme = "ApiKey";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Analysis"] = "Find blame-language in a message and the words that carry it.",
        ["Coaching"] = "Gentler rewrites of a message and reflective questions for its sender.",
        ["Articles"] = "The coaching articles every question cites.",
        ["Feedback"] = "Verdicts on answers from the apps that call the service; off by default.",
        ["Meta"] = "The service's limits and the labels for the ids in its answers.",
        ["Health"] = "Liveness and readiness for load balancers and orchestrators.",
    };

    /// <summary>Where the interactive reference (Scalar) is served, reading /openapi/v1.json.</summary>
    public const string ReferencePath = "/docs";

    /// <summary>The interactive API reference at <see cref="ReferencePath"/>, served from the package's own files (no CDN).</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        // No fonts from Scalar's CDN: the page loads nothing from elsewhere (the CSP would refuse it anyway).
        app.MapScalarApiReference(ReferencePath, options => options.WithTitle("CoachService API").DisableDefaultFonts());
        return app;
    }

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        });
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "CoachService API";
        document.Info.Description = "Finds blame-language in a message someone is about to send their partner and suggests gentler rewrites and reflective questions. Messages are never logged or stored.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary: all rights reserved by the CoachService team (no open-source licence has been granted)", Identifier = "LicenseRef-CoachService-Proprietary" };
        // Relative to wherever the document was fetched from: behind a proxy the host the service sees is not the
        // one its callers use.
        document.Servers = [new OpenApiServer { Url = "/", Description = "This service" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ClientLimits.ApiKeyHeader,
            Description = "Required only when the service is configured with API keys (Coach:Clients:ApiKeys); off by default.",
        };

        // Either no key (the default configuration) or the key: both are valid requirements.
        document.Security = [new OpenApiSecurityRequirement(), new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] }];

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/v1", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var operation in item.Operations?.Values.ToList() ?? [])
            {
                if (RequestExamples.TryGetValue(path, out var example) && operation.RequestBody?.Content is { } content)
                {
                    foreach (var media in content.Values)
                    {
                        media.Example = System.Text.Json.Nodes.JsonNode.Parse(example);
                    }
                }

                operation.Responses ??= [];
                operation.Responses.TryAdd("401", Problem("No API key, or one the service does not accept (only when API keys are configured); `code` is api_key_missing or api_key_invalid."));
                operation.Responses.TryAdd("429", Problem("Too many requests from this client; `code` is rate_limited, and Retry-After says when to try again."));
            }
        }
    }

    /// <summary>An example request body for every operation that takes one.</summary>
    private static readonly Dictionary<string, string> RequestExamples = new(StringComparer.Ordinal)
    {
        ["/v1/analyze"] = """{"text":"Thanks for dinner. You never help with the dishes though.","threshold":0.7,"clientToken":"draft-42"}""",
        ["/v1/rewrite"] = """{"text":"Typical. Late again for dinner with my parents.","styles":["gentle","brief"],"includeQuestions":true}""",
        ["/v1/reflect"] = """{"text":"You're always on your phone at dinner."}""",
        ["/v1/analyze/batch"] = """{"items":[{"id":"a","text":"You never listen to me."},{"id":"b","text":"Thanks for tonight, I loved it."}],"clientToken":"inbox-7"}""",
        ["/v1/rewrite/batch"] = """{"items":[{"id":"a","text":"You never listen to me."}],"styles":["gentle"],"includeQuestions":false}""",
        ["/v1/feedback"] = """{"verdict":"not_blame","ruleId":"absolute.never","modelVersion":"069ae19397b4.1a2b3c4d5e6f","text":"You never fail to make me laugh.","consent":true}""",
    };

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
    };
}
