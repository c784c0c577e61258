package dev.gatehouse.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.workflow.RequestKind;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The models are for people too: every element has a place in the diagram (so the Modeler and
 * any BPMN viewer draw all of it), every element is named, and each process says how long its
 * history is kept, which Camunda 7.2x refuses to deploy without.
 */
class ProcessModelsTest {

    @ParameterizedTest
    @EnumSource(RequestKind.class)
    void everyFlowNodeAndFlowIsDrawnAndEveryNodeIsNamed(RequestKind kind) throws Exception {
        BpmnModelInstance model = read(kind);

        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(shape -> shape.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(edge -> edge.getBpmnElement().getId()).collect(Collectors.toSet());
        assertThat(model.getModelElementsByType(FlowNode.class)).isNotEmpty().allSatisfy(node -> {
            assertThat(shapes).as("shape for %s", node.getId()).contains(node.getId());
            assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
        });
        assertThat(model.getModelElementsByType(SequenceFlow.class).stream().map(BaseElement::getId))
                .isNotEmpty().allSatisfy(flow -> assertThat(edges).as("edge for %s", flow).contains(flow));
    }

    @ParameterizedTest
    @EnumSource(RequestKind.class)
    void theProcessHasTheKeyTheCodeStartsAndAHistoryTimeToLive(RequestKind kind) throws Exception {
        Process process = read(kind).getModelElementById(kind.processKey());

        assertThat(process).isNotNull();
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("180");
    }

    private static BpmnModelInstance read(RequestKind kind) throws Exception {
        try (InputStream in = ProcessModelsTest.class.getClassLoader().getResourceAsStream(kind.resource())) {
            assertThat(in).as(kind.resource()).isNotNull();
            BpmnModelInstance model = Bpmn.readModelFromStream(in);
            Bpmn.validateModel(model);
            return model;
        }
    }
}
