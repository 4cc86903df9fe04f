using FluentValidation;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Application.Webhooks;

internal sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveries>
{
    public ListWebhookDeliveriesValidator() =>
        RuleFor(q => q.States)
            .Must(states => states.All(WireNames<DeliveryState>.IsName))
            .WithMessage((_, states) => $"'state' {WireNames<DeliveryState>.Unknown(states.First(s => !WireNames<DeliveryState>.IsName(s)))}")
            .OverridePropertyName("state");
}
