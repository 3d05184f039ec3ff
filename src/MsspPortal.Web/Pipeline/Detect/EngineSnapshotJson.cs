using System.Text.Json;
using System.Text.Json.Serialization;
using MsspPortal.Core.Detection.State;

namespace MsspPortal.Web.Pipeline;

// The saved windows' JSON, generated at build time: the same text as the reflection-based serializer with the web
// defaults wrote (so windows saved before still restore), in less time. A busy tenant's windows are 2 MB of JSON,
// written when each of its batches lets the tenant go.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EngineSnapshot))]
internal sealed partial class EngineSnapshotJson : JsonSerializerContext;
