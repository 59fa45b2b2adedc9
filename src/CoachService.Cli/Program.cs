using CoachService.Cli;

// coach "message"        check a message and print the highlighted blame, rewrites and questions
// echo "message" | coach  the same, reading the message from standard input
// coach --json "message"  print the HTTP API's JSON for /v1/rewrite instead
return await CoachCommand.RunAsync(args, Console.In, Console.Out, Console.Error, Console.IsInputRedirected, !Console.IsOutputRedirected);
