using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;

namespace DeviceAuth.HostTests.Gate
{
    /// <summary>
    /// Decodes metadata signatures into the type names of C# documentation-comment IDs
    /// (System.Int32, System.Byte[], System.Int32@, Outer.Inner), the form of ../shared/nano-api.
    /// A generic instantiation decodes to Name`N{Args} and is recorded in <see cref="SawGenericInstantiation"/>.
    /// </summary>
    public sealed class DocIdProvider : ISignatureTypeProvider<string, object>
    {
        public bool SawGenericInstantiation { get; set; }

        public string GetArrayType(string elementType, ArrayShape shape) =>
            elementType + "[" + string.Join(",", Enumerable.Repeat("0:", shape.Rank)) + "]";

        public string GetByReferenceType(string elementType) => elementType + "@";

        public string GetFunctionPointerType(MethodSignature<string> signature) => "=FUNC:" + signature.ReturnType;

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            SawGenericInstantiation = true;
            return genericType + "{" + string.Join(",", typeArguments) + "}";
        }

        public string GetGenericMethodParameter(object genericContext, int index) => "``" + index;

        public string GetGenericTypeParameter(object genericContext, int index) => "`" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Boolean => "System.Boolean",
            PrimitiveTypeCode.Byte => "System.Byte",
            PrimitiveTypeCode.Char => "System.Char",
            PrimitiveTypeCode.Double => "System.Double",
            PrimitiveTypeCode.Int16 => "System.Int16",
            PrimitiveTypeCode.Int32 => "System.Int32",
            PrimitiveTypeCode.Int64 => "System.Int64",
            PrimitiveTypeCode.IntPtr => "System.IntPtr",
            PrimitiveTypeCode.Object => "System.Object",
            PrimitiveTypeCode.SByte => "System.SByte",
            PrimitiveTypeCode.Single => "System.Single",
            PrimitiveTypeCode.String => "System.String",
            PrimitiveTypeCode.TypedReference => "System.TypedReference",
            PrimitiveTypeCode.UInt16 => "System.UInt16",
            PrimitiveTypeCode.UInt32 => "System.UInt32",
            PrimitiveTypeCode.UInt64 => "System.UInt64",
            PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
            PrimitiveTypeCode.Void => "System.Void",
            _ => typeCode.ToString(),
        };

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeName(reader, handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeName(reader, handle);

        public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public static string TypeName(MetadataReader reader, TypeDefinitionHandle handle)
        {
            TypeDefinition def = reader.GetTypeDefinition(handle);
            string name = reader.GetString(def.Name);
            TypeDefinitionHandle declaring = def.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return TypeName(reader, declaring) + "." + name;
            }

            string ns = reader.GetString(def.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
        {
            TypeReference r = reader.GetTypeReference(handle);
            string name = reader.GetString(r.Name);
            if (r.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return TypeName(reader, (TypeReferenceHandle)r.ResolutionScope) + "." + name;
            }

            string ns = reader.GetString(r.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>"Name(P1,P2)" or "Name" for a method; constructors are #ctor; conversion operators get ~Return.</summary>
        public static string MethodPart(string name, MethodSignature<string> sig)
        {
            string id = name == ".ctor" ? "#ctor" : name == ".cctor" ? "#cctor" : name;
            if (sig.GenericParameterCount > 0)
            {
                id += "``" + sig.GenericParameterCount;
            }

            if (sig.ParameterTypes.Length > 0)
            {
                id += "(" + string.Join(",", sig.ParameterTypes) + ")";
            }

            if (name == "op_Implicit" || name == "op_Explicit")
            {
                id += "~" + sig.ReturnType;
            }

            return id;
        }
    }
}
