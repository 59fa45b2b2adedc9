using CoachService.Api.Endpoints;
using CoachService.Api.Http;
using CoachService.Core;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCoach();
builder.Services.AddCoachHttp();
builder.Services.AddClientLimits();
builder.Services.AddCoachFleet(builder.Configuration);
builder.Services.AddCoachCors();
builder.Services.AddCoachTelemetry(builder.Configuration);

var app = builder.Build();

app.UseCoachHttp();
app.UseCors();
app.UseClientLimits();
app.MapHealthEndpoints();
app.MapAnalyzeEndpoints();
app.MapCoachingEndpoints();
app.MapBatchEndpoints();
app.MapFeedbackEndpoints();
app.MapArticleEndpoints();
app.MapMetaEndpoints();
app.MapOpenApi();
app.MapApiReference();

// Load the models before taking traffic: a missing or corrupt file stops start-up with its path, not a request.
app.Services.WarmUpCoach();

app.Run();

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
