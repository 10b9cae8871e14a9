using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace IpPlanner.Tests.Architecture;

/// <summary>
/// Which namespace of an assembly uses which, read from its compiled metadata rather than its source: every type's
/// base type and interfaces, the signatures of its fields, methods, properties and events, its generic constraints
/// and attributes, and every type, method and field token in its method bodies (locals included). Constants are
/// copied into the code that reads them and leave no trace here; the source test covers those.
/// </summary>
internal static class CoreMetadata
{
    private static readonly Dictionary<short, OperandType> s_operands = typeof(OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>Every use of one namespace by another in the assembly at <paramref name="path"/>, one edge per type pair.</summary>
    public static IReadOnlyList<NamespaceEdge> Edges(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var collector = new Collector(md);
        var edges = new List<NamespaceEdge>();
        foreach (var handle in md.TypeDefinitions)
        {
            var from = NamespaceOf(md, handle);
            var used = new HashSet<TypeDefinitionHandle>();
            collector.Type(handle, used, pe);
            foreach (var target in used)
            {
                var to = NamespaceOf(md, target);
                if (to != from)
                {
                    edges.Add(new NamespaceEdge(from, to, $"{NameOf(md, handle)} uses {NameOf(md, target)}"));
                }
            }
        }

        return edges;
    }

    /// <summary>The namespace a type is declared in (a nested type's is its outermost declaring type's).</summary>
    public static string NamespaceOf(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = md.GetTypeDefinition(outer);
        }

        return md.GetString(type.Namespace);
    }

    private static string NameOf(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        var name = md.GetString(type.Name);
        return type.GetDeclaringType() is { IsNil: false } outer ? NameOf(md, outer) + "." + name : name;
    }

    /// <summary>Collects the types of this assembly a type's metadata and code name.</summary>
    private sealed class Collector(MetadataReader md) : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        public void Type(TypeDefinitionHandle handle, HashSet<TypeDefinitionHandle> used, PEReader pe)
        {
            var type = md.GetTypeDefinition(handle);
            Entity(type.BaseType, used);
            foreach (var i in type.GetInterfaceImplementations())
            {
                Entity(md.GetInterfaceImplementation(i).Interface, used);
            }

            Attributes(type.GetCustomAttributes(), used);
            foreach (var p in type.GetGenericParameters())
            {
                foreach (var c in md.GetGenericParameter(p).GetConstraints())
                {
                    Entity(md.GetGenericParameterConstraint(c).Type, used);
                }
            }

            foreach (var f in type.GetFields())
            {
                var field = md.GetFieldDefinition(f);
                used.UnionWith(field.DecodeSignature(this, null));
                Attributes(field.GetCustomAttributes(), used);
            }

            foreach (var p in type.GetProperties())
            {
                var property = md.GetPropertyDefinition(p);
                Signature(property.DecodeSignature(this, null), used);
                Attributes(property.GetCustomAttributes(), used);
            }

            foreach (var e in type.GetEvents())
            {
                Entity(md.GetEventDefinition(e).Type, used);
            }

            foreach (var m in type.GetMethods())
            {
                var method = md.GetMethodDefinition(m);
                Signature(method.DecodeSignature(this, null), used);
                Attributes(method.GetCustomAttributes(), used);
                foreach (var p in method.GetParameters())
                {
                    Attributes(md.GetParameter(p).GetCustomAttributes(), used);
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    Body(pe.GetMethodBody(method.RelativeVirtualAddress), used);
                }
            }
        }

        private void Body(MethodBodyBlock body, HashSet<TypeDefinitionHandle> used)
        {
            if (!body.LocalSignature.IsNil)
            {
                foreach (var local in md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null))
                {
                    used.UnionWith(local);
                }
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                switch (s_operands[code])
                {
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                        Entity(MetadataTokens.EntityHandle(il.ReadInt32()), used);
                        break;
                    case OperandType.InlineSwitch:
                        // The count first, then that many targets (read apart: Offset += ReadInt32() reads Offset first).
                        var targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    default:
                        break;
                }
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes, HashSet<TypeDefinitionHandle> used)
        {
            foreach (var a in attributes)
            {
                Entity(md.GetCustomAttribute(a).Constructor, used);
            }
        }

        private static void Signature(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature, HashSet<TypeDefinitionHandle> used)
        {
            used.UnionWith(signature.ReturnType);
            foreach (var p in signature.ParameterTypes)
            {
                used.UnionWith(p);
            }
        }

        private void Entity(EntityHandle handle, HashSet<TypeDefinitionHandle> used)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    used.Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    used.UnionWith(md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null));
                    break;
                case HandleKind.MethodDefinition:
                    used.Add(md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.FieldDefinition:
                    used.Add(md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.MemberReference:
                    Entity(md.GetMemberReference((MemberReferenceHandle)handle).Parent, used);
                    break;
                case HandleKind.MethodSpecification:
                    var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(spec.Method, used);
                    foreach (var argument in spec.DecodeSignature(this, null))
                    {
                        used.UnionWith(argument);
                    }

                    break;
                default:
                    break;
            }
        }

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => [];

        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => [];

        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) =>
            [.. modifier, .. unmodifiedType];

        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(a => a)];

        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];
    }
}
