using Kiln.Tools.Recipes;

namespace Kiln.Tools.Sources;

/// <summary>A data recipe's verified .deb and the file taken out of it.</summary>
internal sealed record FetchedDataFile(DataRecipe Recipe, string DebFile, string DataFile);
