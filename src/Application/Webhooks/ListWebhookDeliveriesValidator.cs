using FluentValidation;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Application.Webhooks;

internal sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveries>
{
    public ListWebhookDeliveriesValidator() =>
        RuleFor(q => q.States)
            .Must(states => states.All(DeliveryStates.Names.Contains))
            .WithMessage((_, states) => $"'state' has an unknown value '{states.First(s => !DeliveryStates.Names.Contains(s))}'; " +
                                        $"known states: {string.Join(", ", DeliveryStates.Names)}.")
            .OverridePropertyName("state");
}
