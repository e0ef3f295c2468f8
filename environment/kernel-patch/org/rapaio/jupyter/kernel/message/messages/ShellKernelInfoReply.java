/*
 * Fix for rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), before the kernel's jar on the class path:
 * kernel_info_reply carries "status": "ok", which the Jupyter messaging protocol requires of every reply (upstream
 * left it out; jupyter_kernel_test's test_kernel_info checks it). See README, "Kernel fixes".
 */
package org.rapaio.jupyter.kernel.message.messages;

import java.util.List;

import org.rapaio.jupyter.kernel.core.LanguageInfo;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;

import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

public record ShellKernelInfoReply(
        @SerializedName("status") String status,
        @SerializedName("protocol_version") String protocolVersion,
        @SerializedName("implementation") String implementationName,
        @SerializedName("implementation_version") String implementationVersion,
        @SerializedName("language_info") LanguageInfo langInfo,
        @SerializedName("banner") String banner,
        @SerializedName("help_links") List<LanguageInfo.Help> helpLinks
) implements ContentType<ShellKernelInfoReply> {

    /** The constructor the kernel calls: a successful reply. */
    public ShellKernelInfoReply(String protocolVersion, String implementationName, String implementationVersion,
                                LanguageInfo langInfo, String banner, List<LanguageInfo.Help> helpLinks) {
        this("ok", protocolVersion, implementationName, implementationVersion, langInfo, banner, helpLinks);
    }

    @Override
    public MessageType<ShellKernelInfoReply> type() {
        return MessageType.SHELL_KERNEL_INFO_REPLY;
    }
}
