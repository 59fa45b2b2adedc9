# CoachService API: build with the SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t coachservice .
#   docker run --read-only --tmpfs /tmp -p 8080:8080 coachservice
# The models, articles and prompts are baked in (publish copies them next to the program); nothing is downloaded at
# start. The app writes nothing to its own folder: the article index is committed up to date (were it stale, the
# app would embed the articles at each start instead of saving them), and the feedback database is off unless
# Coach__Feedback__Database names a file on a mounted volume. Only /tmp (the runtime's diagnostics socket) must be
# writable, so the root file system can be read-only.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY models/*.zip models/*.json models/*.bin models/
COPY seeds/*.md seeds/
COPY prompts/ prompts/
RUN dotnet publish src/CoachService.Api -c Release -o /app -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only for the HEALTHCHECK below (Kubernetes uses its own probes, see deploy/kubernetes/).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_NOLOGO=1
EXPOSE 8080
# The image's own unprivileged user (uid 1654).
USER $APP_UID
# The service listens only once its models are loaded (about 2 s on 2 cores, longer with less CPU).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "CoachService.Api.dll"]
