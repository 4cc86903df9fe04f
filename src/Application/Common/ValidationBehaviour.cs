using FluentValidation;
using MediatR;

namespace LeadGrid.Application.Common;

/// <summary>Runs the request's FluentValidation validators; the first failure becomes a 400 invalid_body naming the field.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            if (!result.IsValid)
                throw new ValidationException(result.Errors);
        }
        return await next();
    }
}
