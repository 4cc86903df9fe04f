using MediatR;

namespace LeadGrid.Application.Common;

/// <summary>Marks requests that change state: only these run inside the unit of work.</summary>
public interface ICommand;

public interface ICommand<out TResponse> : IRequest<TResponse>, ICommand;
