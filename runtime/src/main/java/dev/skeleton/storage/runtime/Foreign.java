package dev.skeleton.storage.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Calls a method of an object that lives inside the framework, through one of its public
 * interfaces named as text.
 *
 * <p>Why reflection: the launcher sits outside the framework, and the interfaces it needs
 * (ConfigAdmin's, Gogo's) are loaded by bundle class loaders. Putting them on the launcher's class
 * path and exporting them from the system bundle would give two copies of each package to choose
 * from; calling through the bundle's own interface needs no shared class but the JDK's, which only
 * appear in the signatures used here.
 */
final class Foreign {

    private Foreign() {
    }

    /**
     * Calls {@code interfaceName.method(types)} on {@code target}.
     *
     * @param target        the object
     * @param interfaceName the fully qualified name of a public interface it implements
     * @param method        the method's name
     * @param types         the method's parameter types (JDK types)
     * @param args          the arguments
     * @return what the method returned
     * @throws Exception what the method threw, unwrapped
     * @throws IllegalArgumentException if the object does not implement the interface or the
     *                                  interface has no such method
     */
    static Object call(Object target, String interfaceName, String method, Class<?>[] types, Object... args)
            throws Exception {
        Method declared = interfaceOf(target, interfaceName).getMethod(method, types);
        try {
            return declared.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            if (thrown instanceof Exception exception) {
                throw exception;
            }
            throw (Error) thrown;
        }
    }

    private static Class<?> interfaceOf(Object target, String interfaceName) {
        Deque<Class<?>> pending = new ArrayDeque<>();
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            pending.add(type);
        }
        while (!pending.isEmpty()) {
            Class<?> type = pending.removeFirst();
            if (type.isInterface() && type.getName().equals(interfaceName)) {
                return type;
            }
            pending.addAll(List.of(type.getInterfaces()));
        }
        throw new IllegalArgumentException(target.getClass().getName() + " does not implement " + interfaceName);
    }
}
