namespace Kiln.Docker;

/// <summary>What a 404 from an endpoint says is missing, so it becomes the matching typed exception.</summary>
internal enum NotFoundMeaning
{
    Nothing,
    Image,
    Container,
}
