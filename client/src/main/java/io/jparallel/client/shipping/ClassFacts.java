package io.jparallel.client.shipping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What shipping needs to know about one class file, read with ASM: the classes it refers
 * to (constant pool and descriptors), its fields' modifiers, and per method the statics it
 * reads, the methods it calls and the classes its code uses.
 */
final class ClassFacts {
  private static final int CONSTANT_CLASS = 7;
  private static final int CONSTANT_NAME_AND_TYPE = 12;
  private static final int CONSTANT_METHOD_TYPE = 16;

  /** A method by owner (binary name), name and descriptor. */
  record MethodRef(String owner, String name, String desc) {
    String key() {
      return name + desc;
    }
  }

  /** A static field by owner (binary name) and name. */
  record FieldRef(String owner, String name) {}

  /** A method of a known class, by owner (binary name) and name + descriptor. */
  record MethodId(String owner, String key) {}

  /** The code of one method: statics read and methods called (lambda bodies included). */
  record MethodFacts(List<FieldRef> staticReads, List<MethodRef> calls) {}

  final String name;
  final String superName;
  final List<String> interfaces;
  final Set<String> referencedClasses = new LinkedHashSet<>();
  final Map<String, Integer> fieldAccess = new HashMap<>();
  final Map<String, MethodFacts> methods = new HashMap<>();

  private ClassFacts(ClassReader reader) {
    this.name = binaryName(reader.getClassName());
    this.superName = reader.getSuperName() == null ? null : binaryName(reader.getSuperName());
    this.interfaces = new ArrayList<>();
    for (String i : reader.getInterfaces()) {
      interfaces.add(binaryName(i));
    }
  }

  static ClassFacts scan(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    ClassFacts facts = new ClassFacts(reader);
    facts.readConstantPool(reader);
    reader.accept(facts.new Scanner(), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    facts.referencedClasses.remove(facts.name);
    return facts;
  }

  private void readConstantPool(ClassReader reader) {
    char[] buffer = new char[reader.getMaxStringLength()];
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i);
      if (offset == 0) {
        continue; // second slot of a long or double
      }
      switch (reader.readByte(offset - 1)) {
        case CONSTANT_CLASS -> addInternalName(reader.readUTF8(offset, buffer));
        case CONSTANT_NAME_AND_TYPE -> addDescriptor(reader.readUTF8(offset + 2, buffer));
        case CONSTANT_METHOD_TYPE -> addDescriptor(reader.readUTF8(offset, buffer));
        default -> { }
      }
    }
  }

  private void addInternalName(String internalName) {
    addType(internalName.startsWith("[") ? Type.getType(internalName) : Type.getObjectType(internalName));
  }

  private void addDescriptor(String descriptor) {
    if (descriptor.startsWith("(")) {
      Type method = Type.getMethodType(descriptor);
      addType(method.getReturnType());
      for (Type argument : method.getArgumentTypes()) {
        addType(argument);
      }
    } else {
      addType(Type.getType(descriptor));
    }
  }

  private void addType(Type type) {
    Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
    if (element.getSort() == Type.OBJECT) {
      referencedClasses.add(element.getClassName());
    }
  }

  static String binaryName(String internalName) {
    return internalName.replace('/', '.');
  }

  /** Resolves a call as the JVM would (class, superclasses, then interfaces) among {@code known} classes. */
  static MethodId resolveMethod(Map<String, ClassFacts> known, String owner, String key) {
    ClassFacts c = known.get(owner);
    for (ClassFacts k = c; k != null; k = k.superName == null ? null : known.get(k.superName)) {
      if (k.methods.containsKey(key)) {
        return new MethodId(k.name, key);
      }
    }
    for (ClassFacts k = c; k != null; k = k.superName == null ? null : known.get(k.superName)) {
      for (String i : k.interfaces) {
        MethodId found = resolveMethod(known, i, key);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The class declaring a static field (the class, its interfaces, then its superclass) among {@code known}. */
  static ClassFacts resolveField(Map<String, ClassFacts> known, String owner, String field) {
    ClassFacts c = known.get(owner);
    if (c == null) {
      return null;
    }
    if (c.fieldAccess.containsKey(field)) {
      return c;
    }
    for (String i : c.interfaces) {
      ClassFacts found = resolveField(known, i, field);
      if (found != null) {
        return found;
      }
    }
    return c.superName == null ? null : resolveField(known, c.superName, field);
  }

  private final class Scanner extends ClassVisitor {
    Scanner() {
      super(Opcodes.ASM9);
    }

    @Override
    public FieldVisitor visitField(int access, String fieldName, String descriptor, String signature, Object value) {
      fieldAccess.put(fieldName, access);
      addDescriptor(descriptor);
      return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String methodName, String descriptor, String signature,
        String[] exceptions) {
      addDescriptor(descriptor);
      MethodFacts facts = new MethodFacts(new ArrayList<>(), new ArrayList<>());
      methods.put(methodName + descriptor, facts);
      return new CodeScanner(facts);
    }
  }

  private final class CodeScanner extends MethodVisitor {
    private final MethodFacts facts;

    CodeScanner(MethodFacts facts) {
      super(Opcodes.ASM9);
      this.facts = facts;
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String fieldName, String descriptor) {
      if (opcode == Opcodes.GETSTATIC) {
        facts.staticReads().add(new FieldRef(binaryName(owner), fieldName));
      }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String methodName, String descriptor, boolean itf) {
      facts.calls().add(new MethodRef(binaryName(owner), methodName, descriptor));
    }

    @Override
    public void visitInvokeDynamicInsn(String indyName, String descriptor, Handle bootstrap, Object... arguments) {
      for (Object argument : arguments) {
        visitLdcInsn(argument);
      }
    }

    @Override
    public void visitLdcInsn(Object value) {
      if (value instanceof Handle handle) {
        if (handle.getTag() == Opcodes.H_GETSTATIC) {
          facts.staticReads().add(new FieldRef(binaryName(handle.getOwner()), handle.getName()));
        } else if (handle.getTag() >= Opcodes.H_INVOKEVIRTUAL) {
          facts.calls().add(new MethodRef(binaryName(handle.getOwner()), handle.getName(), handle.getDesc()));
        }
      }
    }
  }
}
