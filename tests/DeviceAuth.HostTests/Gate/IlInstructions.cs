using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace DeviceAuth.HostTests.Gate
{
    /// <summary>One decoded IL instruction: its offset, opcode, and its token or branch targets.</summary>
    public readonly struct IlInstruction
    {
        public IlInstruction(int offset, OpCode opCode, int token, int[] targets)
        {
            Offset = offset;
            OpCode = opCode;
            Token = token;
            Targets = targets;
        }

        /// <summary>Byte offset of the instruction in the method body.</summary>
        public int Offset { get; }

        public OpCode OpCode { get; }

        /// <summary>The metadata token operand (call, ldsfld, ldstr, ...), else 0.</summary>
        public int Token { get; }

        /// <summary>Branch targets (offsets) of a branch or switch, else empty.</summary>
        public int[] Targets { get; }
    }

    /// <summary>
    /// Decodes a method body's IL (ECMA-335 III) into instructions, with the operand sizes of
    /// System.Reflection.Emit.OpCodes, so the gate can look at what a method calls and where its
    /// loops are. A loop in IL is a backward branch: every instruction between its target and the
    /// branch runs once per iteration.
    /// </summary>
    public static class IlInstructions
    {
        private static readonly Dictionary<short, OpCode> ByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        /// <summary>The instructions of <paramref name="body"/>, in order.</summary>
        public static List<IlInstruction> Decode(MethodBodyBlock body)
        {
            var list = new List<IlInstruction>();
            BlobReader r = body.GetILReader();
            while (r.RemainingBytes > 0)
            {
                int offset = r.Offset;
                short value = r.ReadByte();
                if (value == 0xFE)
                {
                    value = unchecked((short)(0xFE00 | r.ReadByte()));
                }

                if (!ByValue.TryGetValue(value, out OpCode op))
                {
                    throw new BadImageFormatException("Unknown IL opcode 0x" + value.ToString("X") + " at IL_" + offset.ToString("X4"));
                }

                int token = 0;
                int[] targets = Array.Empty<int>();
                switch (op.OperandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                        {
                            int delta = r.ReadSByte();
                            targets = new[] { r.Offset + delta };
                            break;
                        }

                    case OperandType.InlineBrTarget:
                        {
                            int delta = r.ReadInt32();
                            targets = new[] { r.Offset + delta };
                            break;
                        }

                    case OperandType.InlineSwitch:
                        {
                            int n = r.ReadInt32();
                            var deltas = new int[n];
                            for (int i = 0; i < n; i++)
                            {
                                deltas[i] = r.ReadInt32();
                            }

                            int end = r.Offset;
                            targets = deltas.Select(d => end + d).ToArray();
                            break;
                        }

                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        r.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        r.Offset += 2;
                        break;
                    case OperandType.InlineI:
                    case OperandType.ShortInlineR:
                        r.Offset += 4;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        r.Offset += 8;
                        break;
                    default:
                        // InlineField, InlineMethod, InlineSig, InlineString, InlineTok, InlineType.
                        token = r.ReadInt32();
                        break;
                }

                list.Add(new IlInstruction(offset, op, token, targets));
            }

            return list;
        }

        /// <summary>
        /// The loop bodies of a method: for every backward branch, the range [target, branch] of
        /// offsets. An instruction inside one of them can run once per iteration.
        /// </summary>
        public static List<(int Start, int End)> Loops(IReadOnlyList<IlInstruction> code)
        {
            var loops = new List<(int, int)>();
            foreach (IlInstruction i in code)
            {
                foreach (int t in i.Targets)
                {
                    if (t <= i.Offset)
                    {
                        loops.Add((t, i.Offset));
                    }
                }
            }

            return loops;
        }

        /// <summary>True for call, callvirt and newobj.</summary>
        public static bool IsCall(IlInstruction i) =>
            i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt || i.OpCode == OpCodes.Newobj;

        /// <summary>True for ldsfld and ldsflda.</summary>
        public static bool IsStaticFieldLoad(IlInstruction i) => i.OpCode == OpCodes.Ldsfld || i.OpCode == OpCodes.Ldsflda;

        /// <summary>The handle a token operand names.</summary>
        public static EntityHandle Handle(IlInstruction i) => MetadataTokens.EntityHandle(i.Token);
    }
}
