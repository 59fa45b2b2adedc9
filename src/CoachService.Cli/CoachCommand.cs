using System.Text.Json;
using CoachService.Client;
using CoachService.Contracts;
using CoachService.Core.Contracts;
using CoachService.Core;
using CoachService.Core.Rewriting;
using CoachService.Core.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachService.Cli;

/// <summary>The command line: parses arguments, runs the coach in-process (no server needed), prints the result.</summary>
public static class CoachCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public const string Usage = """
        usage: coach [--json] [--styles gentle,brief,warm] [--no-questions] [--server URL] "message"
               echo "message" | coach [options]

        Checks a message for blame, prints it with the blaming words marked, gentler rewrites,
        and reflective questions citing the coaching articles. Runs offline, in-process,
        unless --server names a running CoachService to ask instead.
          --json           print the JSON the HTTP API returns for POST /v1/rewrite
          --styles LIST    rewrite styles to offer (default: gentle,brief,warm)
          --no-questions   skip the reflective questions
          --server URL     ask the service at URL (its API key, if it needs one, in COACH_API_KEY)
        Exit codes: 0 done, 2 bad input (empty, too long, unknown option), 1 unexpected error.
        """;

    private static readonly JsonSerializerOptions Json = new(CoachJsonContext.Default.Options) { WriteIndented = true };

    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool stdinRedirected, bool colour) =>
        RunAsync(args, stdin, stdout, stderr, stdinRedirected, colour, coach: null);

    /// <summary>Runs one command.</summary>
    /// <param name="coach">
    /// The in-process coach's services (from <see cref="BuildHost"/>), kept by the caller, for running many commands
    /// in one process without loading the models each time; null builds a host for this command and disposes it.
    /// </param>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool stdinRedirected, bool colour, IServiceProvider? coach)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var parsed = CliArguments.Parse(args);
        if (parsed.Help)
        {
            await stdout.WriteLineAsync(Usage);
            return Ok;
        }

        if (parsed.Error is not null)
        {
            await stderr.WriteLineAsync($"coach: {parsed.Error}\n\n{Usage}");
            return BadInput;
        }

        string? text = parsed.Message ?? (stdinRedirected ? (await stdin.ReadToEndAsync()).TrimEnd('\r', '\n') : null);
        if (text is null)
        {
            await stderr.WriteLineAsync($"coach: give the message as an argument or on standard input.\n\n{Usage}");
            return BadInput;
        }

        RewriteResponse result;
        if (parsed.Server is not null)
        {
            using var services = new ServiceCollection().AddCoachClient(parsed.Server, Environment.GetEnvironmentVariable("COACH_API_KEY")).Services.BuildServiceProvider();
            try
            {
                result = await services.GetRequiredService<CoachClient>().RewriteAsync(new RewriteRequest(text, parsed.Styles, parsed.Questions));
            }
            catch (CoachApiException ex)
            {
                await stderr.WriteLineAsync($"coach: {ex.Detail} ({ex.Code})");
                return (int)ex.Status is >= 400 and < 500 and not 429 ? BadInput : Failed;
            }
            catch (HttpRequestException ex)
            {
                await stderr.WriteLineAsync($"coach: could not reach {parsed.Server} ({ex.HttpRequestError}).");
                return Failed;
            }
        }
        else
        {
            using var host = coach is null ? BuildHost() : null;
            var services = coach ?? host!.Services;
            var limits = services.GetRequiredService<IOptions<CoachOptions>>().Value.Limits;
            if (MessageValidation.Validate(text, limits) is { } problem)
            {
                await stderr.WriteLineAsync($"coach: {problem.Detail} ({problem.Code})");
                return BadInput;
            }

            result = (await services.GetRequiredService<MessageCoach>().RewriteAsync(text, parsed.Styles, parsed.Questions, client: null, cancellationToken: CancellationToken.None)).ToResponse(requestId: "cli");
        }

        if (parsed.Json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(result, Json));
        }
        else
        {
            new TerminalReport(stdout, colour && Environment.GetEnvironmentVariable("NO_COLOR") is null).Write(text, result);
        }

        return Ok;
    }

    /// <summary>The same services as the API (configuration from appsettings and Coach__* environment variables); logs go to standard error.</summary>
    public static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCoach();
        return builder.Build();
    }
}

/// <summary>What the command line asked for.</summary>
internal sealed record CliArguments(string? Message, bool Json, IReadOnlyList<string>? Styles, bool Questions, bool Help, string? Error, Uri? Server = null)
{
    public static CliArguments Parse(string[] args)
    {
        var words = new List<string>();
        bool json = false, questions = true, help = false;
        IReadOnlyList<string>? styles = null;
        Uri? server = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--no-questions":
                    questions = false;
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                case "--styles" when i + 1 < args.Length:
                    styles = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (styles.FirstOrDefault(s => !RewriteStyle.All.Contains(s)) is { } unknown)
                    {
                        return Invalid($"unknown style '{unknown}'; use {string.Join(", ", RewriteStyle.All)}.");
                    }

                    break;
                case "--server" when i + 1 < args.Length:
                    if (!Uri.TryCreate(args[++i], UriKind.Absolute, out server) || server.Scheme is not ("http" or "https"))
                    {
                        return Invalid($"'{args[i]}' is not an http or https address.");
                    }

                    break;
                case "--":
                    words.AddRange(args[(i + 1)..]);
                    i = args.Length;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return Invalid($"unknown option '{option}'.");
                default:
                    words.Add(args[i]);
                    break;
            }
        }

        return new CliArguments(words.Count > 0 ? string.Join(' ', words) : null, json, styles, questions, help, null, server);
    }

    private static CliArguments Invalid(string error) => new(null, false, null, true, false, error);
}
