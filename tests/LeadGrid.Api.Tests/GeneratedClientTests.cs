using System.Net.Http.Headers;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Client;

namespace LeadGrid.Api.Tests;

/// <summary>
/// Issue 14: the contract is good enough to generate a client from. This project generates one from the committed
/// <c>docs/openapi.v1.json</c> at build time (NSwag.MSBuild, as an integrator's build would) and drives the server
/// through it alone: typed requests, typed enums, typed answers and typed errors; no JSON written by hand.
/// </summary>
public class GeneratedClientTests(ApiFactory factory) : ApiTest(factory)
{
    private LeadGridClient ClientWith(string token)
    {
        var http = Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new LeadGridClient(http);
    }

    [Fact]
    public async Task AnIntegrator_WorksThroughTheGeneratedClient_FromFlowsToNotes_AndHandlesATypedDuplicate()
    {
        // The operator's part: an organization on the growth plan and a key for the integration.
        var operatorClient = ClientWith(ApiFactory.AdminToken);
        var organization = (await operatorClient.CreateOrganizationAsync(new CreateOrganization { Name = "Acme Recruiting", Plan = Plan.Growth })).Data;
        var key = (await operatorClient.CreateApiKeyAsync(organization.Id, new CreateApiKey
        {
            Name = "ATS sync",
            Scopes = [Scope.FlowsRead, Scope.ContactsRead, Scope.ContactsWrite, Scope.DossiersRead, Scope.DossiersWrite, Scope.NotesRead, Scope.NotesWrite],
        })).Data;
        var api = ClientWith(key.Key);

        // List flows: the candidate flow and its stages, by position.
        var flows = await api.ListFlowsAsync(DossierType.Candidate);
        var flow = Assert.Single(flows.Data);
        Assert.True(flow.Is_default);
        var stages = flow.Stages.OrderBy(s => s.Position).ToArray();
        Assert.True(stages.Length >= 2);

        // Create a contact.
        var contact = (await api.CreateContactAsync(new CreateContact
        {
            Full_name = "Sophie van Dijk", Email = "sophie@example.com", Company = "Adyen", Kind = [ContactKind.Candidate],
        })).Data;
        Assert.Equal([ContactKind.Candidate], contact.Kind);

        // Create a dossier, with its CV.
        var dossier = (await api.CreateDossierAsync(new CreateDossier
        {
            Type = DossierType.Candidate, Name = "Sophie van Dijk", Role = "Senior Frontend Engineer", Email = "sophie@example.com",
        })).Data;
        Assert.Equal(stages[0].Id, dossier.Current_stage_id);
        Assert.Equal(contact.Id, dossier.Primary_contact_id); // found by its email
        var pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();
        var cv = (await api.UploadCvAsync(dossier.Id, cv: new FileParameter(new MemoryStream(pdf), "resume.pdf", "application/pdf"))).Data;
        Assert.Equal($"{organization.Id}/dossiers/{dossier.Id}/cv.pdf", cv.Cv_url);
        using (var download = await api.DownloadCvAsync(dossier.Id))
        {
            using var bytes = new MemoryStream();
            await download.Stream.CopyToAsync(bytes);
            Assert.Equal(pdf, bytes.ToArray());
        }

        // Move it to the next stage: only that field is sent.
        var moved = (await api.UpdateDossierAsync(dossier.Id, new UpdateDossier { Current_stage_id = stages[1].Id })).Data;
        Assert.Equal(stages[1].Id, moved.Current_stage_id);
        Assert.Equal("Senior Frontend Engineer", moved.Role);
        Assert.Equal(DossierStatus.Active, moved.Status);

        // Link another contact, add a note.
        var manager = (await api.CreateContactAsync(new CreateContact { Full_name = "Mark de Vries", Kind = [ContactKind.Client] })).Data;
        var link = (await api.LinkContactAsync(dossier.Id, new LinkContact { Contact_id = manager.Id, Role_on_dossier = ContactRole.Hiring_manager })).Data;
        Assert.Equal(ContactRole.Hiring_manager, link.Role_on_dossier);
        Assert.False(link.Is_primary);
        var note = (await api.AddNoteAsync(dossier.Id, new AddNote { Content = "Had a great first call." })).Data;
        Assert.True(note.Is_internal);
        var linked = await api.ListDossierContactsAsync(dossier.Id);
        Assert.Equal([contact.Id, manager.Id], linked.Data.Select(c => c.Contact_id));
        var notes = await api.ListNotesAsync(dossier.Id);
        Assert.Equal([note.Id], notes.Data.Select(n => n.Id));

        // Sync: every status, by cursor.
        var all = await api.ListDossiersAsync(status: [DossierStatusFilter.All], per_page: 1);
        Assert.Equal(1, all.Meta.Total);
        Assert.False(all.Meta.Has_more);
        Assert.Null(all.Meta.Next_cursor);

        // A duplicate email is a typed error the client can act on.
        var duplicate = await Assert.ThrowsAsync<LeadGridApiException<ErrorResponse>>(() =>
            api.CreateContactAsync(new CreateContact { Full_name = "Sophie", Email = "SOPHIE@example.com" }));
        Assert.Equal(409, duplicate.StatusCode);
        Assert.Equal(ErrorCode.Duplicate_contact, duplicate.Result.Error.Code);
        Assert.Equal("email", duplicate.Result.Error.Param);

        // And so is a bad value, naming the field.
        var invalid = await Assert.ThrowsAsync<LeadGridApiException<ErrorResponse>>(() =>
            api.CreateDossierAsync(new CreateDossier { Type = DossierType.Sales, Name = "KLM", Deal_size = -5 }));
        Assert.Equal(ErrorCode.Invalid_body, invalid.Result.Error.Code);
        Assert.Equal("deal_size", invalid.Result.Error.Param);
    }
}
