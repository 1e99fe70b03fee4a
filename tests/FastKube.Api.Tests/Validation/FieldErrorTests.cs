using FastKube.Api.Validation;

namespace FastKube.Api.Tests.Validation;

public sealed class FieldErrorTests
{
    private static readonly FieldPath Image = FieldPath.Root("spec").Child("containers").Index(0).Child("image");

    public static TheoryData<FieldError, string, string> Cases => new()
    {
        { FieldError.Required(Image), "FieldValueRequired", "spec.containers[0].image: Required value" },
        { FieldError.Invalid(Image, "x", "bad"), "FieldValueInvalid", "spec.containers[0].image: Invalid value: \"x\": bad" },
        { FieldError.Invalid(Image, -1L, "must be greater than or equal to 0"), "FieldValueInvalid", "spec.containers[0].image: Invalid value: -1: must be greater than or equal to 0" },
        { FieldError.NotSupported(Image, "x", ["a", "b"]), "FieldValueNotSupported", "spec.containers[0].image: Unsupported value: \"x\": supported values: \"a\", \"b\"" },
        { FieldError.Duplicate(Image, "x"), "FieldValueDuplicate", "spec.containers[0].image: Duplicate value: \"x\"" },
        { FieldError.Forbidden(Image, "not allowed"), "FieldValueForbidden", "spec.containers[0].image: Forbidden: not allowed" },
        { FieldError.TooLong(Image, "xxx", 2), "FieldValueTooLong", "spec.containers[0].image: Too long: may not be more than 2 bytes" },
        { FieldError.TooMany(Image, 3, 1), "FieldValueTooMany", "spec.containers[0].image: Too many: 3: must have at most 1 item" },
        { FieldError.Internal(Image, "boom"), "InternalError", "spec.containers[0].image: Internal error: boom" },
        { FieldError.Invalid(Image, "a\"b\n", "q"), "FieldValueInvalid", "spec.containers[0].image: Invalid value: \"a\\\"b\\n\": q" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToString_EachType_MatchesUpstreamShape(FieldError error, string reason, string message)
    {
        Assert.Equal(reason, error.Reason);
        Assert.Equal(message, error.ToString());
        Assert.Equal(message[(error.Field.Length + 2)..], error.Body);
    }

    [Fact]
    public void ToAggregateMessage_SeveralWithDuplicates_JoinsDistinctInBrackets()
    {
        var list = new FieldErrorList();
        list.Required(Image);
        list.Required(Image);
        list.Invalid(FieldPath.Root("metadata").Child("name"), "A", "bad");
        Assert.Equal("[spec.containers[0].image: Required value, metadata.name: Invalid value: \"A\": bad]", list.ToAggregateMessage());
    }

    [Fact]
    public void ToAggregateMessage_One_NoBrackets()
    {
        var list = new FieldErrorList();
        list.Required(Image);
        Assert.Equal("spec.containers[0].image: Required value", list.ToAggregateMessage());
        Assert.Equal("", new FieldErrorList().ToAggregateMessage());
    }
}
