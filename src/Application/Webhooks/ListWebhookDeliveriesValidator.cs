using FluentValidation;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Application.Webhooks;

internal sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveries>
{
    public ListWebhookDeliveriesValidator() =>
        RuleForEach(q => q.States)
            .Must(s => DeliveryStates.Names.Contains(s))
            .WithMessage((_, s) => $"'state' has an unknown value '{s}'; known states: {string.Join(", ", DeliveryStates.Names)}.")
            .OverridePropertyName("state");
}
