using CoachService.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachService.Api.Http;

/// <summary>Maps the domain's message problems to HTTP problem details.</summary>
public static class MessageProblems
{
    public static ProblemHttpResult ToProblem(MessageProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        string title = problem.Code switch
        {
            MessageValidation.TextMissing => "Message missing",
            MessageValidation.TextEmpty => "Message empty",
            MessageValidation.TextTooLong => "Message too long",
            MessageValidation.TooManySentences => "Too many sentences",
            _ => "Invalid message",
        };
        return ApiProblem.Create(StatusCodes.Status400BadRequest, problem.Code, title, problem.Detail);
    }
}
