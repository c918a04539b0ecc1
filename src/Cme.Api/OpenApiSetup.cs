using Microsoft.OpenApi;

namespace Cme.Api;

internal static class OpenApiSetup
{
    public static IServiceCollection AddCmeOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Consortium CME API",
                Version = "v1",
                Description = "Continuing medical education for a medical consortium. Sign in at /api/v1/auth/login and send the access token as 'Authorization: Bearer …'.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken from /api/v1/auth/login.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }));

    public static WebApplication MapCmeOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Consortium CME API v1");
            o.RoutePrefix = "swagger";
            o.DocumentTitle = "Consortium CME API";
        });
        return app;
    }
}
