using System.Linq.Expressions;
using System.Reflection;
using FluentValidation;
using LeadGrid.Domain.Common;
using LeadGrid.Application.Common;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace LeadGrid.Application;

public static class DependencyInjection
{
    /// <summary>Registers the mediator, every handler and validator of this assembly, and the pipeline in its order.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        DapperSetup.Configure();
        ValidatorOptions.Global.DisplayNameResolver = (_, member, expression) => FieldName(member, expression);
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) => FieldName(member, expression);

        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<Webhooks.OutboxWriter>();

        // MediatR 5 runs behaviours in registration order: the first registered is the outermost.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>));

        var handlerInterfaces = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>) };
        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
                services.AddScoped(contract, type);
        }
        return services;
    }

    /// <summary>The API's name of the field a rule is about.</summary>
    private static string? FieldName(MemberInfo? member, LambdaExpression? expression) => member is null ? null : SnakeCase.Of(member.Name);
}
