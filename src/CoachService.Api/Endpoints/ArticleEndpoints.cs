using CoachService.Contracts;
using CoachService.Core.Contracts;
using CoachService.Api.Http;
using CoachService.Core.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachService.Api.Endpoints;

public static class ArticleEndpoints
{
    public const string ArticleNotFound = "article_not_found";

    public static RouteGroupBuilder MapArticleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/articles").WithTags("Articles");
        group.MapGet("/", (ArticleLibrary library) => TypedResults.Ok(library.Articles.Select(a => a.ToSummary()).ToList()))
            .WithName("ListArticles")
            .WithSummary("The coaching articles and their sections.");
        group.MapGet("/{articleId}", GetArticle)
            .WithName("GetArticle")
            .WithSummary("One article in full, so every citation resolves to real text.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static Results<Ok<ArticleDto>, ProblemHttpResult> GetArticle(string articleId, ArticleLibrary library) =>
        library.Find(articleId) is { } article
            ? TypedResults.Ok(article.ToDto())
            : ApiProblem.Create(StatusCodes.Status404NotFound, ArticleNotFound, "Article not found", "There is no article with that id; GET /v1/articles lists them.");
}
